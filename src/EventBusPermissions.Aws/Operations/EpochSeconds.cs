using System;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace EventBusPermissions.Aws.Operations
{
    /// <summary>
    /// Timestamps on this API are epoch seconds as a JSON number that may be fractional or in exponent form
    /// (1.735442939457E9), so they are read as a double, never as an integer.
    /// </summary>
    internal static class EpochSeconds
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public static DateTime? Read(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            var seconds = DoubleUnmarshaller.Instance.Unmarshall(context, ref reader);
            if (double.IsNaN(seconds) || double.IsInfinity(seconds)) return null;
            return FromSeconds(seconds);
        }

        public static DateTime FromSeconds(double seconds)
        {
            // Whole milliseconds: the service keeps no more precision than that.
            return Epoch.AddMilliseconds(Math.Round(seconds * 1000.0));
        }
    }
}
