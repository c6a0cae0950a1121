using System.Text.RegularExpressions;

namespace EventBusPermissions.Planning
{
    /// <summary>The action a grant allows.</summary>
    internal static class Actions
    {
        /// <summary>The only action the service accepts in practice, so the default.</summary>
        public const string PutEvents = "events:PutEvents";

        public const int MaxLength = 64;

        private const string Rule = "an action is events: followed by letters only, at most 64 characters, such as events:PutEvents";

        private static readonly Regex Pattern = new Regex(@"^events:[a-zA-Z]+\z", RegexOptions.CultureInvariant);

        /// <summary>Null when the action may be sent, else the reason (ErrorId <see cref="PlanningErrorIds.InvalidAction"/>).</summary>
        public static string? Check(string? action)
        {
            if (string.IsNullOrEmpty(action))
            {
                return "The action is empty: " + Rule + ".";
            }

            var quoted = InputText.Quote(action!);
            if (action!.Length > MaxLength)
            {
                return "The action " + quoted + " is " + action.Length + " characters long: " + Rule + ".";
            }

            if (!Pattern.IsMatch(action))
            {
                return "The action " + quoted + " is not an EventBridge action: " + Rule + ".";
            }

            return null;
        }
    }
}
