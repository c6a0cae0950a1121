using System.Text.Json;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class TakeBackEditsTests
    {
        private const string Foreign = "{\"Sid\":\"Foreign\", \"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"events:PutEvents\",\"Resource\":\"*\"}";

        private static string Packed(params string[] accounts)
            => "{\"Sid\":\"PackedAccounts\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[" + string.Join(",", System.Array.ConvertAll(accounts, a => "\"arn:aws:iam::" + a + ":root\"")) + "]},\"Action\":\"events:PutEvents\",\"Resource\":\"" + Buses.Arn + "\"}";

        private static string Policy(params string[] statements) => "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

        [Fact]
        public void A_packed_account_goes_out_again_and_every_other_statement_stays_as_written()
        {
            var after = TakeBackEdits.WithoutAccount(Policy(Foreign, Packed("111122223333", "222233334444")), "PackedAccounts", "222233334444");
            Assert.Equal(Policy(Foreign, Packed("111122223333")), after);
        }

        [Fact]
        public void Nothing_to_undo_leaves_the_text_as_it_is()
        {
            var policy = Policy(Foreign, Packed("111122223333"));
            Assert.Same(policy, TakeBackEdits.WithoutAccount(policy, "PackedAccounts", "999988887777"));
            Assert.Same(policy, TakeBackEdits.PutBack(policy, "Foreign", Foreign));
        }

        [Fact]
        public void A_removed_statement_comes_back_verbatim_unless_its_Sid_is_there_again()
        {
            var back = TakeBackEdits.PutBack(Policy(Packed("111122223333")), "Foreign", Foreign);
            Assert.Equal(Policy(Packed("111122223333"), Foreign), back);
        }

        [Fact]
        public void An_account_taken_out_of_a_shared_statement_goes_back_into_it_or_the_statement_comes_back_with_it_alone()
        {
            var before = Packed("111122223333", "222233334444", "333344445555");
            Assert.Equal(Policy(Packed("111122223333", "222233334444")),
                TakeBackEdits.PutAccountBack(Policy(Packed("111122223333")), "PackedAccounts", "222233334444", before, new[] { "222233334444", "333344445555" }, "aws"));
            Assert.Equal(Policy(Foreign, Packed("222233334444")),
                TakeBackEdits.PutAccountBack(Policy(Foreign), "PackedAccounts", "222233334444", before, new[] { "111122223333", "222233334444", "333344445555" }, "aws"));
        }

        [Fact]
        public void A_replaced_statement_is_restored_only_while_it_is_still_ours()
        {
            var ours = "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222233334444:root\"},\"Action\":\"events:PutEvents\",\"Resource\":\"*\"}";
            var old = "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"events:PutEvents\",\"Resource\":\"*\"}";
            Assert.Equal(Policy(old), TakeBackEdits.Restore(Policy(ours), "S", old, s => s.GetRawText() == ours));
            var theirs = Policy(Foreign.Replace("Foreign", "S"));
            Assert.Same(theirs, TakeBackEdits.Restore(theirs, "S", old, s => s.GetRawText() == ours));
        }

        [Fact]
        public void Documents_compare_spacing_aside()
        {
            Assert.True(TakeBackEdits.SameDocument("{\"a\": [1, 2]}", "{\"a\":[1,2]}"));
            Assert.False(TakeBackEdits.SameDocument("{\"a\":[1,2]}", "{\"a\":[2,1]}"));
            Assert.False(TakeBackEdits.SameDocument("not json", "{}"));
        }
    }
}
