"""Per-call times of boto3 in a warm Python process, the counterpart of bench/Measure-WarmSession.ps1.

    python3 boto3_warm.py --endpoint URL --region R --iterations N --warmup W --output FILE
                          [--quota-region Q --quota-iterations M]

One client per region, created and warmed up before timing. Times in milliseconds (time.perf_counter):
  describe_event_bus   the default bus, whose policy grows from 0 to 39 account statements and is then
                       emptied again (untimed), as in the PowerShell session
  put_permission       one new account per call; every 40 grants the bus is emptied (untimed)
  describe_quota_bus   with --quota-region: that region's default bus, filled to the policy quota beforehand
Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
"""
import argparse
import json
import sys
import time

import boto3

BATCH = 40


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("--iterations", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--quota-region")
    parser.add_argument("--quota-iterations", type=int, default=0)
    args = parser.parse_args()

    clock = time.perf_counter
    results = {"describe_event_bus": [], "put_permission": [], "describe_quota_bus": []}

    if args.iterations > 0:
        client = boto3.client("events", region_name=args.region, endpoint_url=args.endpoint)

        def empty_bus() -> None:
            client.remove_permission(EventBusName="default", RemoveAllPermissions=True)

        def grant(number: int) -> None:
            account = f"{300000000000 + number:012d}"
            client.put_permission(
                EventBusName="default", Action="events:PutEvents", Principal=account, StatementId=f"Account-{account}"
            )

        # Warm-up: connection, endpoint resolution, signer, service model.
        for i in range(args.warmup):
            client.describe_event_bus(Name="default")
            grant(900000 + i)
        empty_bus()

        for i in range(args.iterations):
            if i % BATCH == 0:
                empty_bus()
            start = clock()
            client.describe_event_bus(Name="default")
            results["describe_event_bus"].append((clock() - start) * 1000)
            grant(500000 + i)
        empty_bus()

        for i in range(args.iterations):
            if i > 0 and i % BATCH == 0:
                empty_bus()
            start = clock()
            grant(i)
            results["put_permission"].append((clock() - start) * 1000)
        empty_bus()

    if args.quota_region and args.quota_iterations > 0:
        quota = boto3.client("events", region_name=args.quota_region, endpoint_url=args.endpoint)
        for _ in range(args.warmup):
            quota.describe_event_bus(Name="default")
        for _ in range(args.quota_iterations):
            start = clock()
            quota.describe_event_bus(Name="default")
            results["describe_quota_bus"].append((clock() - start) * 1000)

    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(results, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
