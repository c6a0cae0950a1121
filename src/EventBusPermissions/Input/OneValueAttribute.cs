using System.Management.Automation;

namespace EventBusPermissions.Input
{
    /// <summary>
    /// On -EventBusName and -Region: a value that is not one name (a list, an object) is kept as a marked text that
    /// <see cref="BusResolver"/> refuses with a clear error. Without it, binding by property name drops such a value
    /// silently (a piped object with EventBusName @('b2') would bind nothing), and the default bus or the configured
    /// region would apply instead of the bus the object named.
    /// </summary>
    internal sealed class OneValueAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PipedValue.Of(inputData);
            return value.Kind == PipedValueKind.List || value.Kind == PipedValueKind.Other ? PipedValue.Marked(value) : inputData;
        }
    }
}
