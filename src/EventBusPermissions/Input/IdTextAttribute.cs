using System.Collections;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace EventBusPermissions.Input
{
    /// <summary>
    /// On Revoke's -StatementId, which takes strings from the pipeline. PowerShell binds a piped object that it cannot bind
    /// otherwise to a string parameter as the object's whole text ("@{AccountId=...; EventBusName=...}"), which would be
    /// read as a statement id and lose everything the object says. Here such an object is kept aside and the parameter
    /// gets a marked text that names it; the cmdlet then reads the object whole (see <see cref="Take"/>). Strings, numbers
    /// and lists of them pass as they are.
    /// </summary>
    internal sealed class IdTextAttribute : ArgumentTransformationAttribute
    {
        // Starts the marked text; no statement id can start with it.
        private const string Marker = "\u0001object:";

        private static readonly ConcurrentDictionary<long, object> Kept = new ConcurrentDictionary<long, object>();
        private static long _next;

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            // The module's own objects bind to their own parameters (-InputObject, the piped bus): left for them as they are.
            if (IsText(inputData) || IsOwnObject(inputData)) return inputData;
            var value = PipedValue.Of(inputData);
            if (value.Kind == PipedValueKind.List && ((IEnumerable)value.Raw!).Cast<object?>().All(IsText)) return inputData;
            // A binding that is never followed by its record leaves one object here; bound the leak.
            if (Kept.Count > 1000) Kept.Clear();
            var id = Interlocked.Increment(ref _next);
            Kept[id] = inputData!;
            return Marker + id;
        }

        /// <summary>The object a marked text stands for (once), or null when the text is an ordinary id.</summary>
        public static object? Take(string? text)
        {
            if (text == null || !text.StartsWith(Marker, System.StringComparison.Ordinal)) return null;
            return long.TryParse(text.Substring(Marker.Length), out var id) && Kept.TryRemove(id, out var value) ? value : null;
        }

        /// <summary>True for the marked text, also when its object was already taken.</summary>
        public static bool IsMarked(string? text) => text != null && text.StartsWith(Marker, System.StringComparison.Ordinal);

        private static bool IsOwnObject(object? value)
        {
            if (value is EventBusPermission || value is EventBus) return true;
            return value is PSObject wrapped && (wrapped.BaseObject is EventBusPermission || wrapped.BaseObject is EventBus
                || wrapped.TypeNames.Any(t => t.StartsWith("EventBusPermissions.", System.StringComparison.Ordinal)
                                             || t.StartsWith("Deserialized.EventBusPermissions.", System.StringComparison.Ordinal)));
        }

        private static bool IsText(object? value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            return value == null || value is string || value is System.ValueType;
        }
    }
}
