using System;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class ReadBackTests
    {
        private static readonly GrantRequest A = Buses.Account("111122223333");
        private static readonly GrantRequest B = Buses.Account("222233334444");
        private static readonly GrantRequest Org = Buses.Organization("o-abc123def4");

        [Fact]
        public void Nothing_is_missing_when_every_write_holds()
        {
            var readBack = Buses.Holding(Buses.Account("999988887777"), A, B, Org);

            Assert.Empty(ReadBack.Missing(readBack, new[] { A, B, Org }));
        }

        [Fact]
        public void A_write_lost_to_a_concurrent_writer_is_missing()
        {
            // The other writer read the policy before our write landed and put back its own copy plus its grant.
            var readBack = Buses.Holding(B, Buses.Account("999988887777"));

            Assert.Equal(new[] { A, Org }, ReadBack.Missing(readBack, new[] { A, B, Org }));
        }

        [Fact]
        public void A_Sid_overwritten_with_another_grant_is_missing()
        {
            var readBack = Buses.Holding(Buses.Account("999988887777", A.StatementId));

            Assert.Equal(new[] { A }, ReadBack.Missing(readBack, new[] { A }));
        }

        [Fact]
        public void A_bus_without_a_policy_or_with_an_unreadable_one_holds_nothing()
        {
            Assert.Equal(new[] { A, B }, ReadBack.Missing(Buses.WithPolicy(null), new[] { A, B }));
            Assert.Equal(new[] { A }, ReadBack.Missing(Buses.WithPolicy("{\"Statement\":["), new[] { A }));
        }

        [Fact]
        public void Each_missing_grant_is_listed_once()
        {
            Assert.Equal(new[] { A }, ReadBack.Missing(Buses.WithPolicy(null), new[] { A, Buses.Account("1111-2222-3333") }));
        }

        [Fact]
        public void The_read_back_may_spell_the_statements_differently()
        {
            var readBack = Buses.WithPolicy("{ \"Statement\": [ { \"Action\": \"events:PutEvents\", \"Principal\": { \"AWS\": \"111122223333\" }, \"Effect\": \"Allow\", \"Sid\": \"Account-111122223333\" } ], \"Version\": \"2012-10-17\" }");

            Assert.Empty(ReadBack.Missing(readBack, new[] { A }));
        }

        [Fact]
        public void Null_arguments_throw()
        {
            Assert.Throws<ArgumentNullException>(() => ReadBack.Missing(null!, new[] { A }));
            Assert.Throws<ArgumentNullException>(() => ReadBack.Missing(Buses.WithPolicy(null), null!));
        }
    }
}
