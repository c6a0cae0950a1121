using System.Collections;
using System.Management.Automation;
using EventBusPermissions.Input;
using Xunit;

namespace EventBusPermissions.Tests.Input
{
    public sealed class BusResolverTests
    {
        private const string Arn = "arn:aws:events:us-west-2:123456789012:event-bus/b2";

        private static BusLocation? Resolve(object? piped, string? bus = null, string? region = null, bool objectDecides = false)
            => BusResolver.Resolve(PipedObject.From(piped), bus, region, objectDecides, "granted", out _);

        private static string? Refusal(object? piped, string? bus = null, string? region = null, bool objectDecides = false)
        {
            BusResolver.Resolve(PipedObject.From(piped), bus, region, objectDecides, "granted", out var refusal);
            return refusal?.ErrorId;
        }

        private static PSObject Object(params (string Name, object? Value)[] properties)
        {
            var o = new PSObject();
            foreach (var (name, value) in properties) o.Properties.Add(new PSNoteProperty(name, value));
            return o;
        }

        [Fact]
        public void A_hashtable_names_the_bus_and_region()
        {
            var at = Resolve(new Hashtable { ["eventbusname"] = "b2", ["Region"] = "us-west-2" })!;
            Assert.Equal("b2", at.Bus);
            Assert.Equal("us-west-2", at.Region);
            Assert.Null(at.ExpectedArn);
        }

        [Fact]
        public void Another_tools_bus_object_is_that_bus_in_its_region_and_account()
        {
            var at = Resolve(Object(("Name", "b2"), ("Arn", Arn)))!;
            Assert.Equal("b2", at.Bus);
            Assert.Equal("us-west-2", at.Region);
            Assert.Equal(Arn, at.ExpectedArn);
        }

        [Fact]
        public void An_account_objects_name_and_arn_are_no_bus()
        {
            var at = Resolve(Object(("Id", "111122223333"), ("Name", "Prod"), ("Arn", "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111122223333")), region: "eu-west-1")!;
            Assert.Equal("default", at.Bus);
            Assert.Equal("eu-west-1", at.Region);
        }

        [Theory]
        [InlineData("EventBusName")]
        [InlineData("Region")]
        public void A_list_where_one_value_belongs_is_refused(string property)
        {
            Assert.Equal("UnreadableInput", Refusal(Object((property, new[] { "b2" }))));
            Assert.Null(Resolve(Object((property, new object[] { "b2", "b3" }))));
        }

        [Fact]
        public void Values_that_disagree_are_refused()
        {
            Assert.Equal("EventBusMismatch", Refusal(Object(("EventBusName", "other"), ("EventBusArn", Arn))));
            Assert.Equal("EventBusMismatch", Refusal(Object(("Name", "b2"), ("Arn", Arn), ("Region", "us-east-1"))));
            Assert.Equal("UnreadableInput", Refusal(Object(("EventBusArn", "arn:aws:sqs:us-east-1:111122223333:q"))));
        }

        [Fact]
        public void For_Grant_the_command_line_names_the_target_for_Revoke_it_must_agree()
        {
            var grant = Resolve(Object(("Name", "b2"), ("Arn", Arn)), bus: "orders")!;
            Assert.Equal("orders", grant.Bus);
            Assert.Equal("us-west-2", grant.Region);
            Assert.Null(grant.ExpectedArn);

            Assert.Equal("EventBusMismatch", Refusal(Object(("Name", "b2"), ("Arn", Arn)), bus: "orders", objectDecides: true));
            Assert.Equal("EventBusMismatch", Refusal(Object(("Name", "b2"), ("Arn", Arn)), region: "us-east-1"));
            Assert.Equal(Arn, Resolve(Object(("Name", "b2"), ("Arn", Arn)), bus: "b2", objectDecides: true)!.ExpectedArn);
        }

        [Fact]
        public void Nothing_piped_is_the_command_line_or_the_default_bus()
        {
            Assert.Equal("default", Resolve(null)!.Bus);
            Assert.Equal("b", Resolve("a string", bus: "b")!.Bus);
        }
    }
}
