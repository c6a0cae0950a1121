using Xunit;

namespace EventBusPermissions.Tests.Model
{
    public sealed class EventBusPermissionTests
    {
        [Fact]
        public void ToString_is_the_StatementId()
        {
            var permission = ParseOne("""{"Sid":"Acct1","Principal":{"AWS":"111122223333"}}""");

            Assert.Equal("Acct1", permission.ToString());
        }

        [Fact]
        public void ToString_is_the_principal_without_a_StatementId()
        {
            var permission = ParseOne("""{"Principal":{"AWS":"arn:aws:iam::111122223333:root"}}""");

            Assert.Equal("111122223333", permission.ToString());
        }

        [Fact]
        public void ToString_falls_back_to_the_statement_when_there_is_neither()
        {
            var permission = ParseOne("""{"Effect":"Allow"}""");

            Assert.Equal("""{"Effect":"Allow"}""", permission.ToString());
        }

        [Fact]
        public void Status_can_be_set_by_the_cmdlets()
        {
            var permission = ParseOne("""{"Sid":"Acct1","Principal":"*"}""");

            permission.Status = PermissionStatus.Granted;

            Assert.Equal(PermissionStatus.Granted, permission.Status);
        }

        private static EventBusPermission ParseOne(string statement) =>
            Assert.Single(PolicyParser.Parse("{\"Statement\":[" + statement + "]}", "default", "us-east-1"));
    }
}
