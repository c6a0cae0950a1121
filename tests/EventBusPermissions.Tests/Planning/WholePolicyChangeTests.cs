using System;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>
    /// The read-back check of a whole-policy write: which kept statements the policy read back no longer holds. It runs
    /// after the write, so it must never throw, whatever the statements of other tools look like.
    /// </summary>
    public sealed class WholePolicyChangeTests
    {
        private const string RepeatedCondition =
            """{"Sid":"Vpc","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1","aws:SourceVpc":"vpc-2"}}}""";

        private const string RepeatedEffect =
            """{"Sid":"DenyDup","Effect":"Deny","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"*"}""";

        private static WholePolicyChange Keeping(params string[] kept)
            => new WholePolicyChange(Buses.Policy(kept), kept, _ => Array.Empty<string>());

        [Fact]
        public void Statements_with_repeated_members_that_are_still_there_are_not_lost()
        {
            var change = Keeping(RepeatedCondition, RepeatedEffect);

            Assert.Empty(change.LostFrom(Buses.WithPolicy(Buses.Policy(RepeatedEffect, RepeatedCondition))));
        }

        [Fact]
        public void A_statement_with_repeated_members_that_is_gone_is_named()
        {
            var change = Keeping(RepeatedCondition, RepeatedEffect);

            Assert.Equal(new[] { RepeatedEffect }, change.LostFrom(Buses.WithPolicy(Buses.Policy(RepeatedCondition))));
        }

        [Fact]
        public void Key_order_and_spacing_do_not_count_but_each_copy_of_a_repeated_member_does()
        {
            var change = Keeping(RepeatedCondition, RepeatedEffect);
            const string reordered = """{ "Resource":"*", "Action":"events:PutEvents", "Principal":{"AWS":"arn:aws:iam::111122223333:root"}, "Effect":"Deny", "Sid":"DenyDup", "Effect":"Allow" }""";
            const string lastCopyOnly = """{"Sid":"Vpc","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-2"}}}""";

            var lost = change.LostFrom(Buses.WithPolicy(Buses.Policy(reordered, lastCopyOnly)));

            Assert.Equal(new[] { RepeatedCondition }, lost);
        }

        [Fact]
        public void Repeated_members_that_trade_places_are_another_statement()
        {
            var change = Keeping(RepeatedEffect);
            var swapped = RepeatedEffect.Replace("\"Effect\":\"Deny\",\"Effect\":\"Allow\"", "\"Effect\":\"Allow\",\"Effect\":\"Deny\"");

            Assert.Equal(new[] { RepeatedEffect }, change.LostFrom(Buses.WithPolicy(Buses.Policy(swapped))));
        }
    }
}
