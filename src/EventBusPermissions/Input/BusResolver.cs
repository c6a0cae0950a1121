using System;
using System.Collections.Generic;
using System.Linq;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Input
{
    /// <summary>
    /// The one place that decides which bus, in which region, a record of Grant or Revoke acts on, from the command line
    /// and the piped object together. A piped object that carries any bus information (EventBusName, EventBusArn, an
    /// event bus Arn with its Name, Region) is read whole: a value that cannot be read as one name (a list, a number, an
    /// empty string), values that disagree, or an ARN that is not an event bus's refuse the record. Nothing ever falls
    /// back to 'default' or the configured region because part of the object did not bind.
    /// </summary>
    internal static class BusResolver
    {
        /// <param name="piped">The whole piped object; null when nothing but strings or numbers came down the pipeline.</param>
        /// <param name="commandLineBus">-EventBusName as typed on the command line; null when not typed.</param>
        /// <param name="commandLineRegion">-Region as typed on the command line; null when not typed.</param>
        /// <param name="objectDecides">
        /// True for Revoke: a piped object is acted on where it came from, so a command line naming another bus or region
        /// is refused. False for Grant: the command line names where to grant (copying a bus's grants to another bus).
        /// </param>
        /// <param name="verb">"granted" or "revoked", for the message.</param>
        public static BusLocation? Resolve(PipedObject? piped, string? commandLineBus, string? commandLineRegion, bool objectDecides, string verb, out InputRefusal? refusal)
        {
            refusal = null;
            foreach (var (parameter, text) in new[] { ("EventBusName", commandLineBus), ("Region", commandLineRegion) })
            {
                var value = PipedValue.Of(text);
                if (value.IsPresent && value.Kind != PipedValueKind.Text && value.Kind != PipedValueKind.Empty)
                {
                    refusal = new InputRefusal(ErrorIds.UnreadableInput, $"-{parameter} is {value.Describe()}, not one {(parameter == "Region" ? "region" : "event bus")}. Nothing was {verb}.");
                    return null;
                }
            }
            var given = FromCommandLine(commandLineBus, commandLineRegion, verb, out refusal);
            if (refusal != null) return null;

            var carried = piped == null ? null : FromObject(piped, verb, out refusal);
            if (refusal != null) return null;
            if (carried == null) return given;

            var what = piped!.Describe();
            if (commandLineBus != null)
            {
                if (objectDecides && carried.Bus != null && !string.Equals(carried.Bus, given.Bus, StringComparison.Ordinal))
                {
                    refusal = Mismatch($"{What(what)} was read from event bus '{carried.Bus}', but -EventBusName names '{given.Bus}'. A revoke acts where the object " +
                        $"came from; leave out -EventBusName. Nothing was {verb} for it.");
                    return null;
                }
                // Grant: the command line says where. Its region, else the object's.
                var region = given.Region ?? carried.Region;
                if (objectDecides && carried.Region != null && given.Region != null && !string.Equals(carried.Region, given.Region, StringComparison.Ordinal))
                {
                    refusal = RegionMismatch(what, carried.Region, given.Region, verb);
                    return null;
                }
                return new BusLocation(given.Bus, region, given.ExpectedArn ?? (objectDecides ? carried.ExpectedArn : null));
            }

            if (commandLineRegion != null && carried.Region != null && !string.Equals(carried.Region, commandLineRegion, StringComparison.Ordinal))
            {
                refusal = RegionMismatch(what, carried.Region, commandLineRegion, verb);
                return null;
            }
            return new BusLocation(carried.Bus ?? EventBusNames.Default, commandLineRegion ?? carried.Region, carried.ExpectedArn);
        }

        private static BusLocation FromCommandLine(string? bus, string? region, string verb, out InputRefusal? refusal)
        {
            refusal = null;
            return new BusLocation(bus ?? EventBusNames.Default, region, null);
        }

        /// <summary>The bus information the object carries; null when it carries none (a CSV row of accounts, an account object).</summary>
        private static Carried? FromObject(PipedObject piped, string verb, out InputRefusal? refusal)
        {
            refusal = null;
            var what = piped.Describe();
            var names = new List<KeyValuePair<string, string>>();
            string? arn = null;
            string? region = null;

            var eventBusName = piped.Get("EventBusName");
            var eventBusArn = piped.Get("EventBusArn");
            var plainArn = piped.Get("Arn");
            var plainName = piped.Get("Name");
            var regionValue = piped.Get("Region");

            // An Arn is bus information when it is an event bus's ARN (a bus object of this module or of AWS Tools); an
            // AWS Organizations account's Arn and Name are the account's, not a bus's.
            var arnIsBus = plainArn.Kind == PipedValueKind.Text && EventBusArn.TryParse(plainArn.Text, out _, out _, out _, out _);
            var busObject = piped.IsEventBus || arnIsBus;

            foreach (var (property, value) in new[] { ("EventBusName", eventBusName), ("EventBusArn", eventBusArn), ("Region", regionValue) }
                         .Concat(busObject ? new[] { ("Arn", plainArn), ("Name", plainName) } : new (string, PipedValue)[0]))
            {
                if (!value.IsPresent || value.Kind == PipedValueKind.Empty) continue; // an empty name or region is refused by the checks that follow
                if (value.Kind != PipedValueKind.Text)
                {
                    refusal = new InputRefusal(ErrorIds.UnreadableInput,
                        $"{What(what)} has {property} {value.Describe()}, which is not one {(property == "Region" ? "region" : "event bus")}: each object must name " +
                        $"exactly one. Nothing was {verb} for it; give one value per object, or name the bus with -EventBusName.");
                    return null;
                }
            }

            if (eventBusArn.Kind == PipedValueKind.Text)
            {
                if (!EventBusArn.TryParse(eventBusArn.Text, out _, out _, out _, out _))
                {
                    refusal = new InputRefusal(ErrorIds.UnreadableInput,
                        $"{What(what)} has EventBusArn '{eventBusArn.Text}', which is not an event bus ARN (arn:aws:events:<region>:<account>:event-bus/<name>). Nothing was {verb} for it.");
                    return null;
                }
                arn = eventBusArn.Text;
            }
            if (busObject && plainArn.IsPresent)
            {
                if (arn != null && !string.Equals(arn, plainArn.Text, StringComparison.Ordinal))
                {
                    refusal = Mismatch($"{What(what)} names two event buses: EventBusArn '{arn}' and Arn '{plainArn.Text}'. Nothing was {verb} for it.");
                    return null;
                }
                arn = plainArn.Text;
            }
            // A name as given (an ARN or an empty name is then refused by the name check, as on the command line).
            if (eventBusName.IsPresent) names.Add(new KeyValuePair<string, string>("EventBusName", eventBusName.Text ?? string.Empty));
            if (busObject && plainName.IsPresent) names.Add(new KeyValuePair<string, string>("Name", plainName.Text ?? string.Empty));
            if (regionValue.IsPresent) region = regionValue.Text ?? string.Empty;

            if (arn != null)
            {
                EventBusArn.TryParse(arn, out _, out var arnRegion, out _, out var arnName);
                names.Add(new KeyValuePair<string, string>("the ARN", arnName));
                if (region != null && !string.Equals(region, arnRegion, StringComparison.Ordinal))
                {
                    refusal = Mismatch($"{What(what)} says Region '{region}', but its event bus ARN '{arn}' is in {arnRegion}. Nothing was {verb} for it.");
                    return null;
                }
                region = arnRegion;
            }
            var distinct = names.Select(n => n.Value).Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count > 1)
            {
                refusal = Mismatch($"{What(what)} names more than one event bus: {string.Join(", ", names.Select(n => $"{n.Key} '{n.Value}'"))}. Nothing was {verb} for it.");
                return null;
            }
            if (distinct.Count == 0 && region == null) return null;
            return new Carried(distinct.FirstOrDefault(), region, arn);
        }

        private static InputRefusal Mismatch(string message) => new InputRefusal(ErrorIds.EventBusMismatch, message);

        private static InputRefusal RegionMismatch(string what, string objectRegion, string commandLineRegion, string verb)
            => new InputRefusal(ErrorIds.EventBusMismatch,
                $"{What(what)} is about a bus in {objectRegion}, but -Region names {commandLineRegion}. Leave out -Region (the object's region is used), " +
                $"or give -EventBusName too. Nothing was {verb} for it.");

        private static string What(string what) => char.ToUpperInvariant(what[0]) + what.Substring(1);

        private sealed class Carried
        {
            public Carried(string? bus, string? region, string? expectedArn)
            {
                Bus = bus;
                Region = region;
                ExpectedArn = expectedArn;
            }

            public string? Bus { get; }
            public string? Region { get; }
            public string? ExpectedArn { get; }
        }
    }
}
