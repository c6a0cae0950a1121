using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace EventBusPermissions.Commands
{
    /// <summary>
    /// The whole object that came down the pipeline, as opposed to the property values PowerShell bound from it.
    /// Binding by property name takes what fits and drops the rest, and some of what it drops changes the meaning:
    /// a bus object's AccountId is its owner, not a grantee; a permission object's organization condition or Deny
    /// effect turns "*" or an account id into something else entirely. The cmdlets look at the whole object to
    /// refuse those combinations instead of acting on half of them.
    /// </summary>
    internal sealed class PipelineInput
    {
        private readonly PSObject _object;

        private PipelineInput(PSObject value)
        {
            _object = value;
        }

        /// <summary>Null when nothing came from the pipeline (every value was given on the command line).</summary>
        public static PipelineInput? From(PSObject? value) => value == null ? null : new PipelineInput(value);

        public object BaseObject => _object.BaseObject;

        public bool IsEventBus => BaseObject is EventBus || HasTypeName("EventBusPermissions.EventBus");

        public bool IsPermission => BaseObject is EventBusPermission || HasTypeName("EventBusPermissions.EventBusPermission");

        /// <summary>A string or a number: the value is the input, it has no properties worth binding.</summary>
        public bool IsScalar => BaseObject is string || BaseObject is ValueType;

        /// <summary>
        /// The ARN of the bus the object was read from (a bus's Arn, a permission's EventBusArn), also for copies
        /// that went through Export-Clixml or a remoting session; null for any other object.
        /// </summary>
        public string? BusArn
        {
            get
            {
                if (BaseObject is EventBus bus) return bus.Arn;
                if (BaseObject is EventBusPermission permission) return permission.EventBusArn;
                if (IsEventBus) return Text("Arn");
                return IsPermission ? Text("EventBusArn") : null;
            }
        }

        /// <summary>The property's value as text; null when the object has no such property or it is empty.</summary>
        public string? Text(string name)
        {
            var value = _object.Properties[name]?.Value;
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            var text = value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        public bool HasAnyProperty(params string[] names) => names.Any(n => _object.Properties[n] != null);

        /// <summary>The object's property names, for messages that say what the object did have.</summary>
        public IEnumerable<string> PropertyNames => _object.Properties.Select(p => p.Name);

        private bool HasTypeName(string typeName)
            => _object.TypeNames.Any(t => string.Equals(t, typeName, StringComparison.Ordinal)
                                          || string.Equals(t, "Deserialized." + typeName, StringComparison.Ordinal));
    }
}
