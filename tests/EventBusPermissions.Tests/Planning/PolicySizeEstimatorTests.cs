using System;
using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class PolicySizeEstimatorTests
    {
        private static readonly GrantRequest A = Buses.Account("111122223333");
        private static readonly GrantRequest B = Buses.Account("222233334444");
        private static readonly GrantRequest Org = Buses.Organization("o-abc123def4");

        [Fact]
        public void A_bus_without_a_policy_gets_the_document_PutPermission_creates()
        {
            var predicted = PolicySizeEstimator.Predict(null, Buses.Arn, new[] { A, B, Org });

            Assert.Equal(Buses.Policy(Json(A), Json(B), Json(Org)).Length, predicted);
        }

        [Fact]
        public void Nothing_to_add_leaves_the_current_length()
        {
            var policy = Buses.Policy(Json(A));

            Assert.Equal(policy.Length, PolicySizeEstimator.Predict(policy, Buses.Arn, new GrantRequest[0]));
            Assert.Equal(Buses.Policy().Length, new PolicySizeEstimator(null, Buses.Arn).Length);
        }

        [Fact]
        public void New_statements_add_their_length_and_a_comma()
        {
            var policy = Buses.Policy(Json(A));

            var predicted = PolicySizeEstimator.Predict(policy, Buses.Arn, new[] { B, Org });

            Assert.Equal(Buses.Policy(Json(A), Json(B), Json(Org)).Length, predicted);
        }

        [Fact]
        public void A_replaced_statement_takes_off_its_old_length()
        {
            var policy = Buses.Policy(Json(A), Json(B));
            var replacement = Buses.Organization("o-abc123def4", A.StatementId);

            var predicted = PolicySizeEstimator.Predict(policy, Buses.Arn, new[] { replacement });

            Assert.Equal(Buses.Policy(Json(replacement), Json(B)).Length, predicted);
        }

        [Fact]
        public void A_replace_of_the_same_length_adds_nothing()
        {
            var policy = Buses.Policy(Json(A), Json(B));
            var sameLength = Buses.Account("999988887777", A.StatementId);

            Assert.Equal(policy.Length, PolicySizeEstimator.Predict(policy, Buses.Arn, new[] { sameLength }));
        }

        [Fact]
        public void A_statement_added_earlier_in_the_sequence_is_replaced_too()
        {
            var again = Buses.Account("999988887777", A.StatementId);

            var predicted = PolicySizeEstimator.Predict(null, Buses.Arn, new[] { A, B, again });

            Assert.Equal(Buses.Policy(Json(again), Json(B)).Length, predicted);
        }

        [Fact]
        public void The_current_text_is_the_base_whatever_its_whitespace()
        {
            var indented = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + Json(A) + "\n  ]\n}";

            var predicted = PolicySizeEstimator.Predict(indented, Buses.Arn, new[] { B });

            Assert.Equal(indented.Length + 1 + Json(B).Length, predicted);
        }

        [Fact]
        public void A_single_statement_object_becomes_an_array()
        {
            var single = "{\"Version\":\"2012-10-17\",\"Statement\":" + Json(A) + "}";

            var predicted = PolicySizeEstimator.Predict(single, Buses.Arn, new[] { B });

            Assert.Equal(Buses.Policy(Json(A), Json(B)).Length, predicted);
        }

        [Fact]
        public void A_policy_without_statements_gets_the_member_or_no_comma()
        {
            Assert.Equal(Buses.Policy(Json(A)).Length, PolicySizeEstimator.Predict("{\"Version\":\"2012-10-17\"}", Buses.Arn, new[] { A }));
            Assert.Equal(Buses.Policy(Json(A)).Length, PolicySizeEstimator.Predict(Buses.Policy(), Buses.Arn, new[] { A }));
        }

        [Fact]
        public void LengthWith_predicts_without_counting()
        {
            var estimator = new PolicySizeEstimator(null, Buses.Arn);
            var before = estimator.Length;

            var with = estimator.LengthWith(A);

            Assert.Equal(before, estimator.Length);
            estimator.Apply(A);
            Assert.Equal(with, estimator.Length);
        }

        [Fact]
        public void The_bus_ARN_is_required()
        {
            Assert.Throws<ArgumentException>(() => new PolicySizeEstimator(null, "default"));
        }

        [Fact]
        public void One_account_statement_is_about_180_characters()
        {
            var length = Json(A).Length;

            Assert.InRange(length, 170, 200);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => Json(Buses.Account(Buses.AccountNumber(i))).Length).Distinct().Single(), length);
        }

        private static string Json(GrantRequest grant) => ExpectedStatement.Json(grant, Buses.Arn);
    }
}
