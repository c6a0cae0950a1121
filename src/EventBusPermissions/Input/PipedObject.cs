using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace EventBusPermissions.Input
{
    /// <summary>
    /// The whole object that came down the pipeline, read the same way whatever it is: one of the module's own objects
    /// (also after Export-Clixml or remoting), a PSCustomObject, a CSV row, a hashtable (whose keys PowerShell's
    /// binding by property name never sees), or another tool's object (AWS Tools, AWS Organizations). Property names
    /// are matched ignoring case, as PowerShell matches them.
    /// </summary>
    internal sealed class PipedObject
    {
        private readonly PSObject _object;
        private readonly IDictionary? _dictionary;

        private PipedObject(PSObject value)
        {
            _object = value;
            _dictionary = value.BaseObject as IDictionary;
        }

        /// <summary>Null when nothing was piped, or when the input is a string or a number, which has no properties worth reading.</summary>
        public static PipedObject? From(object? value)
        {
            if (value == null) return null;
            var wrapped = value as PSObject ?? PSObject.AsPSObject(value);
            var inner = wrapped.BaseObject;
            if (inner is string || inner is ValueType) return null;
            return new PipedObject(wrapped);
        }

        public object BaseObject => _object.BaseObject;

        public bool IsEventBus => BaseObject is EventBus || HasTypeName("EventBusPermissions.EventBus");

        public bool IsPermission => BaseObject is EventBusPermission || HasTypeName("EventBusPermissions.EventBusPermission");

        public bool IsDictionary => _dictionary != null;

        /// <summary>The property (or the dictionary's key) of that name, ignoring case.</summary>
        public PipedValue Get(string name)
        {
            if (_dictionary != null)
            {
                foreach (DictionaryEntry entry in _dictionary)
                {
                    if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return PipedValue.Of(entry.Value);
                }
                return PipedValue.Missing;
            }
            var property = _object.Properties[name];
            if (property == null) return PipedValue.Missing;
            try
            {
                return PipedValue.Of(property.Value);
            }
            catch (GetValueException)
            {
                // A property whose getter throws holds nothing this module can read.
                return PipedValue.Missing;
            }
        }

        /// <summary>The first of these names the object has (present, even when empty or not text), with its name.</summary>
        public IEnumerable<KeyValuePair<string, PipedValue>> Present(params string[] names)
            => names.Select(n => new KeyValuePair<string, PipedValue>(n, Get(n))).Where(p => p.Value.IsPresent);

        /// <summary>The object's property names (or keys), for messages that say what the object did have.</summary>
        public IEnumerable<string> PropertyNames
            => _dictionary != null ? _dictionary.Keys.Cast<object>().Select(k => k?.ToString() ?? "") : _object.Properties.Select(p => p.Name);

        /// <summary>The object, shortly, for messages.</summary>
        public string Describe()
        {
            var kind = _dictionary != null ? "hashtable" : IsEventBus ? "event bus" : IsPermission ? "permission" : "object";
            return "the piped " + kind + " (" + string.Join(", ", PropertyNames.Take(8)) + (PropertyNames.Count() > 8 ? ", ..." : "") + ")";
        }

        private bool HasTypeName(string typeName)
            => _object.TypeNames.Any(t => string.Equals(t, typeName, StringComparison.Ordinal)
                                          || string.Equals(t, "Deserialized." + typeName, StringComparison.Ordinal));
    }
}
