using System;
using System.Collections.Generic;
using System.Linq;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Input
{
    /// <summary>Whom a piped object asks Grant to grant: account ids (as written, to be checked one by one), or one organization.</summary>
    internal sealed class Grantees
    {
        public Grantees(IReadOnlyList<string?> accounts, string? organizationId)
        {
            Accounts = accounts;
            OrganizationId = organizationId;
        }

        public IReadOnlyList<string?> Accounts { get; }
        public string? OrganizationId { get; }
    }

    /// <summary>
    /// Reads the grantee from a piped object as a whole, never from what PowerShell's binding made of it (which turns an
    /// object without a string AccountId into the object's text): AccountId, Account, Id or Principal (a list of them
    /// is several accounts; a whole number is an account id), or an organization. Refuses a bus (its AccountId is
    /// its owner), a Deny, a condition Grant would drop, and properties that name different grantees.
    /// </summary>
    internal static class GranteeResolver
    {
        private static readonly string[] AccountProperties = { "AccountId", "Account", "Id", "Principal" };

        /// <returns>Null with <paramref name="refusal"/> set when the object cannot be granted as it stands.</returns>
        public static Grantees? Resolve(PipedObject piped, out InputRefusal? refusal)
        {
            refusal = null;
            var what = piped.Describe();
            if (piped.IsEventBus)
            {
                refusal = new InputRefusal(ErrorIds.AccountIdRequired,
                    $"The piped event bus '{piped.Get("Name").Text ?? piped.Get("EventBusName").Text}' says where to grant, not whom: give -AccountId (or -OrganizationId). " +
                    "Its AccountId is the account that owns the bus, never a grantee. Nothing was granted.");
                return null;
            }

            var effect = piped.Get("Effect");
            if (effect.IsPresent && !(effect.Kind == PipedValueKind.Text && string.Equals(effect.Text, "Allow", StringComparison.Ordinal)))
            {
                refusal = new InputRefusal(ErrorIds.InputNotGrantable,
                    $"The piped permission is a {effect.Text ?? effect.Describe()} statement ('{piped.Get("StatementId").Text}'); granting it would allow what it denies, " +
                    "or what it does not say. Nothing was granted for it.");
                return null;
            }

            var organization = piped.Get("OrganizationId");
            if (organization.IsPresent && organization.Kind != PipedValueKind.Text && organization.Kind != PipedValueKind.Empty)
            {
                refusal = Unreadable(what, "OrganizationId", organization);
                return null;
            }

            // Our own permission objects name the principal twice (Principal and AccountId): AccountId is the account.
            var properties = piped.IsPermission ? new[] { "AccountId", "Principal" } : AccountProperties;
            var found = new List<KeyValuePair<string, List<string>>>();
            foreach (var property in properties)
            {
                var value = piped.Get(property);
                if (!value.IsPresent || value.Kind == PipedValueKind.Empty) continue;
                var texts = Texts(value);
                if (texts == null)
                {
                    refusal = Unreadable(what, property, value);
                    return null;
                }
                found.Add(new KeyValuePair<string, List<string>>(property, texts));
                if (piped.IsPermission) break;
            }

            var distinct = found.Select(f => string.Join(",", f.Value)).Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count > 1)
            {
                refusal = new InputRefusal(ErrorIds.InputNotGrantable,
                    $"{Capital(what)} names different grantees: {string.Join(", ", found.Select(f => $"{f.Key} '{string.Join(", ", f.Value)}'"))}. " +
                    "Nothing was granted for it: pipe objects with one of these properties, or give -AccountId.");
                return null;
            }
            var accounts = found.Count == 0 ? new List<string>() : found[0].Value;

            if (organization.Kind == PipedValueKind.Text)
            {
                if (accounts.All(a => a == AccountIds.Everyone)) return new Grantees(new string?[0], organization.Text);
                refusal = new InputRefusal(ErrorIds.InputNotGrantable,
                    $"The piped object names account {string.Join(", ", accounts)} together with organization {organization.Text}; a grant to the account alone " +
                    $"would drop that condition. Nothing was granted for it: grant -OrganizationId {organization.Text}, or pipe the account without it.");
                return null;
            }
            var condition = piped.Get("Condition");
            if (condition.IsPresent && condition.Kind != PipedValueKind.Empty)
            {
                refusal = new InputRefusal(ErrorIds.InputNotGrantable,
                    $"The piped permission carries the condition {condition.Text ?? condition.Describe()}, which a single grant cannot write; granting without it would " +
                    "allow more. Nothing was granted for it: write such statements with -Policy.");
                return null;
            }
            if (accounts.Count == 0)
            {
                refusal = new InputRefusal(ErrorIds.InputWithoutAccountId,
                    "The piped object has no property AccountId, Account, Id or Principal to take the account id from (its properties: " +
                    string.Join(", ", piped.PropertyNames.Select(n => "'" + n + "'")) + "). Name the CSV column AccountId, or pipe the ids themselves.");
                return null;
            }
            return new Grantees(accounts.Cast<string?>().ToList(), null);
        }

        /// <summary>One id, or a list of ids (strings or whole numbers); null when the value holds anything else.</summary>
        private static List<string>? Texts(PipedValue value)
        {
            switch (value.Kind)
            {
                case PipedValueKind.Text:
                case PipedValueKind.Number:
                    return new List<string> { value.Text! };
                case PipedValueKind.List:
                    var items = ((System.Collections.IEnumerable)value.Raw!).Cast<object?>().Select(PipedValue.Of).ToList();
                    if (items.Count == 0 || items.Any(i => i.Kind != PipedValueKind.Text && i.Kind != PipedValueKind.Number)) return null;
                    return items.Select(i => i.Text!).ToList();
                default:
                    return null;
            }
        }

        private static InputRefusal Unreadable(string what, string property, PipedValue value)
            => new InputRefusal(ErrorIds.UnreadableInput,
                $"{Capital(what)} has {property} {value.Describe()}, which is not an account id or a list of them. Nothing was granted for it.");

        private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
