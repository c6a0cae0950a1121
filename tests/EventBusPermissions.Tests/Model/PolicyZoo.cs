using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace EventBusPermissions.Tests.Model
{
    /// <summary>
    /// Statements other tools store that PutPermission never writes, as an outside review found them: members written
    /// twice (ambiguous: which copy AWS applies is not documented), and Sids RemovePermission's model forbids or cannot
    /// name. Each allows (or may allow) an account of its own, so tests can tell them apart. The reader, every planner
    /// and the engine are tested on this one table.
    /// </summary>
    internal static class PolicyZoo
    {
        internal const string Arn = "arn:aws:events:us-east-1:444455556666:event-bus/default";

        /// <summary>Statements with a repeated member, by name.</summary>
        internal static readonly IReadOnlyDictionary<string, ZooStatement> Ambiguous = new Dictionary<string, ZooStatement>
        {
            ["Effect Deny then Allow"] = new ZooStatement("DenyDup", "111100000001",
                """{"Sid":"DenyDup","Effect":"Deny","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000001:root"},"Action":"events:PutEvents","Resource":"ARN"}"""),
            ["Effect Allow then Deny"] = new ZooStatement("AllowDup", "111100000002",
                """{"Sid":"AllowDup","Effect":"Allow","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111100000002:root"},"Action":"events:PutEvents","Resource":"ARN"}"""),
            ["Principal twice"] = new ZooStatement("TwoPrincipals", "111100000003",
                """{"Sid":"TwoPrincipals","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000003:root"},"Principal":{"AWS":"arn:aws:iam::111100000013:root"},"Action":"events:PutEvents","Resource":"ARN"}"""),
            ["AWS twice inside Principal"] = new ZooStatement("TwoAws", "111100000004",
                """{"Sid":"TwoAws","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000004:root","AWS":"arn:aws:iam::111100000014:root"},"Action":"events:PutEvents","Resource":"ARN"}"""),
            ["condition key twice"] = new ZooStatement("VpcDup", "111100000005",
                """{"Sid":"VpcDup","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000005:root"},"Action":"events:PutEvents","Resource":"ARN","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1","aws:SourceVpc":"vpc-2"}}}"""),
            ["Effect and effect"] = new ZooStatement("CaseDup", "111100000006",
                """{"Sid":"CaseDup","Effect":"Allow","effect":"Deny","Principal":{"AWS":"arn:aws:iam::111100000006:root"},"Action":"events:PutEvents","Resource":"ARN"}"""),
            ["Sid twice"] = new ZooStatement("SidOne", "111100000007",
                """{"Sid":"SidOne","Sid":"SidTwo","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000007:root"},"Action":"events:PutEvents","Resource":"ARN"}"""),
            // Every property a grant is matched on reads plainly: only the flag tells it from a grant.
            ["Resource twice"] = new ZooStatement("TwoResources", "111100000008",
                """{"Sid":"TwoResources","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000008:root"},"Action":"events:PutEvents","Resource":"ARN","Resource":"*"}"""),
        };

        /// <summary>Plain single-account grants whose Sid RemovePermission cannot be sent (or cannot match), by name.</summary>
        internal static readonly IReadOnlyDictionary<string, ZooStatement> Unnameable = new Dictionary<string, ZooStatement>
        {
            ["Sid with a space"] = Grant("Sid with space", "\"Sid with space\"", "222200000001"),
            ["Sid with a dot"] = Grant("my.sid", "\"my.sid\"", "222200000002"),
            ["Sid of 70 characters"] = Grant(new string('S', 70), "\"" + new string('S', 70) + "\"", "222200000003"),
            ["empty Sid"] = Grant("", "\"\"", "222200000004"),
            ["numeric Sid"] = Grant("7", "7", "222200000005"),
            ["no Sid"] = new ZooStatement(null, "222200000006",
                """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222200000006:root"},"Action":"events:PutEvents","Resource":"ARN"}"""),
        };

        /// <summary>A grant as PutPermission writes it, which RemovePermission removes by its Sid.</summary>
        internal static readonly ZooStatement Plain = Grant("Account-333300000001", "\"Account-333300000001\"", "333300000001");

        /// <summary>A plain Deny, which a revoke never removes unless named with -Force.</summary>
        internal static readonly ZooStatement Deny = new ZooStatement("DenyPlain", "333300000002",
            """{"Sid":"DenyPlain","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::333300000002:root"},"Action":"events:PutEvents","Resource":"ARN"}""");

        /// <summary>Every statement of the zoo, the plain ones included, in one policy (compact, as the service stores it).</summary>
        internal static string Whole => Policy(All.Select(s => s.Json).ToArray());

        internal static IEnumerable<ZooStatement> All
            => Ambiguous.Values.Concat(Unnameable.Values).Concat(new[] { Plain, Deny });

        internal static string Policy(params string[] statements)
            => "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

        internal static EventBus Bus(string? policy = null)
            => EventBus.Create("default", Arn, null, null, null, null, null, policy ?? Whole);

        internal static TheoryData<string> AmbiguousNames() => Names(Ambiguous);

        internal static TheoryData<string> UnnameableNames() => Names(Unnameable);

        private static TheoryData<string> Names(IReadOnlyDictionary<string, ZooStatement> statements)
        {
            var names = new TheoryData<string>();
            foreach (var name in statements.Keys) names.Add(name);
            return names;
        }

        private static ZooStatement Grant(string statementId, string sidJson, string account)
            => new ZooStatement(statementId, account,
                "{\"Sid\":" + sidJson + ",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"events:PutEvents\",\"Resource\":\"ARN\"}");
    }

    /// <summary>One statement of the zoo: the Sid a user would name it by, the account it (may) allow, and its text.</summary>
    internal sealed class ZooStatement
    {
        internal ZooStatement(string? sid, string account, string template)
        {
            Sid = sid;
            Account = account;
            Json = template.Replace("ARN", PolicyZoo.Arn);
        }

        internal string? Sid { get; }

        internal string Account { get; }

        /// <summary>Compact, as the service stores it.</summary>
        internal string Json { get; }

        public override string ToString() => Json;
    }
}
