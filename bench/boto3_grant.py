"""The boto3 form of the runbook that bench/Invoke-Benchmarks.ps1 times: one Python process that makes
one PutPermission call per account (statement id Account-<id>, as the module names them).
Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.

    python3 boto3_grant.py <endpoint-url> <region> <comma-separated account ids> [event-bus-name]
"""
import sys

import boto3


def main() -> int:
    endpoint, region, accounts = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    bus = sys.argv[4] if len(sys.argv) > 4 else "default"
    client = boto3.client("events", region_name=region, endpoint_url=endpoint)
    for account in accounts:
        client.put_permission(
            EventBusName=bus,
            Action="events:PutEvents",
            Principal=account,
            StatementId=f"Account-{account}",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
