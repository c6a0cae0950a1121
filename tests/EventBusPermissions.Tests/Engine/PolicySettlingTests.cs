using EventBusPermissions.Engine;
using EventBusPermissions.Tests.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Engine
{
    /// <summary>Whether the policy read back is exactly the one written, for statements of any shape; it runs after a write and must never throw.</summary>
    public sealed class PolicySettlingTests
    {
        private const string RepeatedEffect =
            """{"Sid":"DenyDup","Effect":"Deny","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"*"}""";

        private const string Plain =
            """{"Sid":"Account-222233334444","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"events:PutEvents","Resource":"*"}""";

        [Fact]
        public void A_policy_with_repeated_members_read_back_as_written_is_the_same()
        {
            var written = Buses.Policy(RepeatedEffect, Plain);
            var spaced = "{ \"Version\": \"2012-10-17\", \"Statement\": [ " + Plain + ", " + RepeatedEffect + " ] }";

            Assert.True(PolicySettling.SameStatements(Buses.WithPolicy(spaced), written));
        }

        [Fact]
        public void Losing_one_copy_of_a_repeated_member_is_another_policy()
        {
            var written = Buses.Policy(RepeatedEffect, Plain);
            var lastCopyOnly = RepeatedEffect.Replace("\"Effect\":\"Deny\",", "");

            Assert.False(PolicySettling.SameStatements(Buses.WithPolicy(Buses.Policy(lastCopyOnly, Plain)), written));
        }

        [Fact]
        public void A_policy_that_is_not_JSON_is_not_the_same()
        {
            Assert.False(PolicySettling.SameStatements(Buses.WithPolicy("{\"Statement\":["), Buses.Policy(Plain)));
        }
    }
}
