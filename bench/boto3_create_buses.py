"""Creates event buses for bench/Measure-Estate.ps1 (setup, not timed): CreateEventBus of each name in each
region on the endpoint; a bus that already exists is left as it is. The module has no command for it.
Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.

    python3 boto3_create_buses.py <endpoint-url> <comma-separated regions> <comma-separated bus names>
"""
import sys

import boto3


def main() -> int:
    endpoint, regions, names = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
    for region in regions:
        client = boto3.client("events", region_name=region, endpoint_url=endpoint)
        for name in names:
            try:
                client.create_event_bus(Name=name)
            except client.exceptions.ResourceAlreadyExistsException:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
