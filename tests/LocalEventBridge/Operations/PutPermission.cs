using System;

namespace LocalEventBridge.Operations;

/// <summary>
/// PutPermission: one statement (Action, Principal, StatementId, optional Condition) added or
/// replaced by StatementId, or a whole document given as Policy replacing the current one.
/// </summary>
internal static class PutPermission
{
    public const string SupportedAction = "events:PutEvents";

    public static OperationResult Execute(OperationContext context, RequestBody body)
    {
        string? busName = body.GetString("EventBusName");
        string? action = body.GetString("Action");
        string? principal = body.GetString("Principal");
        string? statementId = body.GetString("StatementId");
        RequestBody? conditionBody = body.GetStructure("Condition");
        string? policyText = body.GetString("Policy");
        context.EventBusName = busName ?? EventBusStore.DefaultBusName;

        var validation = new Validation();
        validation.Text(busName, "eventBusName", 1, 256, Validation.EventBusNamePattern);
        PermissionCondition? condition = null;
        if (policyText is null)
        {
            validation.Required(action, "action");
            validation.Text(action, "action", 1, 64, Validation.ActionPattern);
            validation.Required(principal, "principal");
            validation.Text(principal, "principal", 1, 12, Validation.PrincipalPattern);
            validation.Required(statementId, "statementId");
            validation.Text(statementId, "statementId", 1, 64, Validation.StatementIdPattern);
            condition = ReadCondition(conditionBody, validation);
        }

        validation.ThrowIfInvalid();
        if (policyText is not null && (action is not null || principal is not null || statementId is not null || conditionBody is not null))
        {
            // Not confirmed on AWS; refusing the mix keeps a client from believing both were applied.
            throw AwsErrors.Validation("Policy cannot be combined with Action, Principal, StatementId or Condition.");
        }

        CheckSupported(action, condition);
        EventBus bus = context.RequireBus(context.EventBusName);
        lock (bus.Gate)
        {
            if (bus.IsDeleted)
            {
                throw AwsErrors.BusNotFound(bus.Name);
            }

            string updated = policyText is not null
                ? PolicyDocument.Normalize(policyText)
                : PolicyDocument.WithStatement(bus.Policy, PolicyDocument.Statement(
                    statementId!, principal!, action!, bus.Arn, context.Caller.Region, condition), bus.Name);

            int limit = context.Settings.PolicySizeLimit;
            if (updated.Length > limit)
            {
                throw AwsErrors.PolicyLengthExceeded(updated.Length, limit);
            }

            // An identical repeat changes nothing, not even LastModifiedTime.
            if (!string.Equals(updated, bus.Policy, StringComparison.Ordinal))
            {
                context.WritePolicy(bus, updated);
            }

            context.AfterWrite(bus);
        }

        return OperationResult.Empty;
    }

    private static PermissionCondition? ReadCondition(RequestBody? conditionBody, Validation validation)
    {
        if (conditionBody is null)
        {
            return null;
        }

        string? type = conditionBody.GetString("Type");
        string? key = conditionBody.GetString("Key");
        string? value = conditionBody.GetString("Value");
        validation.Required(type, "condition.type");
        validation.Required(key, "condition.key");
        validation.Required(value, "condition.value");
        return type is null || key is null || value is null ? null : new PermissionCondition(type, key, value);
    }

    // The model's patterns admit more than the service accepts; these are the service's own refusals.
    private static void CheckSupported(string? action, PermissionCondition? condition)
    {
        if (action is not null && action != SupportedAction)
        {
            throw AwsErrors.Validation("Provided value in parameter 'action' is not supported.");
        }

        if (condition is not null && condition.Type != "StringEquals")
        {
            throw AwsErrors.Validation("Provided value in parameter 'condition.type' is not supported.");
        }

        if (condition is not null && condition.Key != "aws:PrincipalOrgID")
        {
            throw AwsErrors.Validation("Provided value in parameter 'condition.key' is not supported.");
        }
    }
}
