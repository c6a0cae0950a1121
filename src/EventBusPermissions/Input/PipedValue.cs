using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace EventBusPermissions.Input
{
    /// <summary>What one property of a piped object holds, as far as a name or an id can be read from it.</summary>
    internal enum PipedValueKind
    {
        /// <summary>The object has no such property (or key), or it holds null.</summary>
        Missing,

        /// <summary>An empty or blank string.</summary>
        Empty,

        /// <summary>One string.</summary>
        Text,

        /// <summary>One integral number (ConvertFrom-Json, a typed CSV, a hashtable typed by hand).</summary>
        Number,

        /// <summary>An array or other list: several values where one is meant.</summary>
        List,

        /// <summary>Anything else (an object, a date, a fraction): not a name or an id.</summary>
        Other,
    }

    /// <summary>One property of a piped object: its kind and, for one string or one whole number, its text.</summary>
    internal sealed class PipedValue
    {
        public static readonly PipedValue Missing = new PipedValue(PipedValueKind.Missing, null, null);

        private PipedValue(PipedValueKind kind, string? text, object? raw)
        {
            Kind = kind;
            Text = text;
            Raw = raw;
        }

        public PipedValueKind Kind { get; }

        /// <summary>The string (trimmed), or the number's digits; null for the other kinds.</summary>
        public string? Text { get; }

        /// <summary>The value as the object holds it, for messages.</summary>
        public object? Raw { get; }

        public bool IsPresent => Kind != PipedValueKind.Missing;

        // Starts the text OneValueAttribute makes of a value that is not one name; no name or region can start with it.
        private const char Marker = '\u0001';

        /// <summary>The text a parameter holds in place of a value that is not one name; <see cref="Of"/> reads it back as that value.</summary>
        public static string Marked(PipedValue value) => Marker + value.Describe();

        public static PipedValue Of(object? value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            switch (value)
            {
                case null:
                    return Missing;
                case string marked when marked.Length > 0 && marked[0] == Marker:
                    return new PipedValue(PipedValueKind.Other, null, marked);
                case string s:
                    return string.IsNullOrWhiteSpace(s) ? new PipedValue(PipedValueKind.Empty, null, s) : new PipedValue(PipedValueKind.Text, s.Trim(), s);
                case byte _:
                case sbyte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                case ulong _:
                case decimal d when d == decimal.Truncate(d):
                    return new PipedValue(PipedValueKind.Number, Convert.ToString(value, CultureInfo.InvariantCulture), value);
                case double f when f == Math.Floor(f) && Math.Abs(f) < 1e15:
                    return new PipedValue(PipedValueKind.Number, ((long)f).ToString(CultureInfo.InvariantCulture), value);
                case IDictionary _:
                    return new PipedValue(PipedValueKind.Other, null, value);
                case IEnumerable list:
                    return new PipedValue(PipedValueKind.List, null, value);
                default:
                    return new PipedValue(PipedValueKind.Other, null, value);
            }
        }

        /// <summary>How the value reads in a message: "an array of 2 items (b1, b2)", "the number 12345678901", "''".</summary>
        public string Describe()
        {
            switch (Kind)
            {
                case PipedValueKind.Empty: return "empty";
                case PipedValueKind.Text: return "'" + Text + "'";
                case PipedValueKind.Number: return "the number " + Text;
                case PipedValueKind.List:
                    var items = ((IEnumerable)Raw!).Cast<object?>().Select(i => i is PSObject p ? p.BaseObject : i).ToList();
                    return "a list of " + items.Count + (items.Count == 1 ? " item" : " items") + " (" +
                        string.Join(", ", items.Take(5).Select(i => i?.ToString() ?? "null")) + (items.Count > 5 ? ", ..." : "") + ")";
                case PipedValueKind.Other: return Raw is string marked ? marked.Substring(1) : "a " + Raw!.GetType().Name;
                default: return "missing";
            }
        }
    }
}
