#!/usr/bin/env python3
"""Writes data/service-regions.tsv: in which regions of a partition each ARN service is offered.

Source: botocore's botocore/data/endpoints.json (the regions of each service endpoint, per partition) and
the metadata of botocore's service models (botocore/data/<service>/<version>/service-2.json: each API's
endpoint prefix and signing name), https://github.com/boto/botocore, Apache-2.0. Only Python's standard
library is used.

    tools/generate-service-regions.py BOTOCORE_DIR [--commit SHA --date YYYY-MM-DD]

BOTOCORE_DIR is a checkout of botocore (the folder that holds botocore/data/). When it is a git work tree,
the commit and its date are read from it; otherwise give both. The ARN services come from
data/catalog.tsv, so regenerate the catalog first when both are updated. A summary of the coverage goes to
stderr; see docs/service-regions.md for what the data is trusted for and why.
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The partitions whose rows are written. The isolated partitions (aws-iso*) and the European Sovereign
# Cloud (aws-eusc) are left out: their service lists cannot be checked against public documentation,
# aws-eusc's lacks even IAM and Organizations, and their newest regions gain services month by month.
PARTITIONS = ("aws", "aws-cn", "aws-us-gov")

# ARN services whose name is no endpoint prefix, with the endpoint prefixes that serve them. Each entry was
# checked by hand against the service's documentation (its ARN formats and its service endpoints); a
# signing name alone is not enough: Amazon Connect's participant API signs as "execute-api", which is API
# Gateway's ARN service.
ALIASES = {
    "appstream": ["appstream2"],
    "cloudwatch": ["monitoring"],
    "detective": ["api.detective"],
    "ecr": ["api.ecr"],
    "iotdeviceadvisor": ["api.iotdeviceadvisor"],
    "lex": ["models.lex", "runtime.lex", "models-v2-lex", "runtime-v2-lex"],
    "mediatailor": ["api.mediatailor"],
    "memorydb": ["memory-db"],
    "mobiletargeting": ["pinpoint"],
    "sagemaker": ["api.sagemaker", "runtime.sagemaker", "edge.sagemaker", "metrics.sagemaker"],
    "ses": ["email"],
    "timestream": ["ingest.timestream", "query.timestream"],
}


# ARN services never judged although they have endpoint data, each for a reason found by hand.
EXCLUDED = {
    # Renamed AWS CodeConnections in 2024: regions opened since have the "codeconnections" endpoint, which
    # endpoints.json lacks, and the list of "codestar-connections" has not changed since (17 regions).
    "codestar-connections": "renamed CodeConnections, whose endpoint has no data",
}


def git_commit_and_date(path):
    try:
        out = subprocess.run(["git", "-C", path, "log", "-1", "--format=%H %cs"], check=True,
                             capture_output=True, text=True).stdout.split()
        return out[0], out[1]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return None, None


def signing_names(data_dir):
    """endpoint prefix -> the signing names of the service models that use it (newest version each)."""
    names = {}
    for service in sorted(os.listdir(data_dir)):
        folder = os.path.join(data_dir, service)
        if not os.path.isdir(folder):
            continue
        versions = sorted(v for v in os.listdir(folder)
                          if os.path.isfile(os.path.join(folder, v, "service-2.json")))
        if not versions:
            continue
        with open(os.path.join(folder, versions[-1], "service-2.json"), encoding="utf-8") as f:
            metadata = json.load(f)["metadata"]
        prefix = metadata.get("endpointPrefix")
        if prefix:
            names.setdefault(prefix, set()).add(metadata.get("signingName", prefix))
    return names


def regional_arn_services(catalog_path):
    """The ARN services (third field of an ARN format) of data/catalog.tsv that have a format with a region."""
    services = set()
    with open(catalog_path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] != "R":
                continue
            for arn in fields[3:]:
                parts = arn.split(":")
                if len(parts) >= 6 and parts[0] == "arn" and not parts[2].startswith("$") and parts[3]:
                    services.add(parts[2])
    return services


def is_global(entry):
    return entry.get("isRegionalized") is False or "partitionEndpoint" in entry


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("botocore", help="a checkout of botocore (holds botocore/data/)")
    parser.add_argument("--commit", help="the botocore commit (default: read with git)")
    parser.add_argument("--date", help="the commit's date, YYYY-MM-DD (default: read with git)")
    parser.add_argument("--catalog", default=os.path.join(ROOT, "data", "catalog.tsv"))
    parser.add_argument("--output", default=os.path.join(ROOT, "data", "service-regions.tsv"))
    args = parser.parse_args()

    commit, date = git_commit_and_date(args.botocore)
    commit, date = args.commit or commit, args.date or date
    if not commit or not date:
        sys.exit("the botocore commit and date are unknown: give --commit and --date")

    data_dir = os.path.join(args.botocore, "botocore", "data")
    with open(os.path.join(data_dir, "endpoints.json"), encoding="utf-8") as f:
        partitions = {p["partition"]: p for p in json.load(f)["partitions"]}
    signing = signing_names(data_dir)
    arn_services = regional_arn_services(args.catalog)

    # Which endpoint prefixes serve each ARN service: the prefix of the same name, widened by every prefix
    # that signs with that name (cloudhsm and cloudhsmv2, dynamodb and streams.dynamodb), or else the
    # reviewed aliases. Widening only adds regions, so it can only make the check quieter.
    all_prefixes = set()
    for partition in partitions.values():
        all_prefixes.update(partition["services"])
    by_signing_name = {}
    for prefix in all_prefixes:
        for name in signing.get(prefix, {prefix}):
            by_signing_name.setdefault(name, set()).add(prefix)
    for partition in partitions.values():
        for prefix, entry in partition["services"].items():
            scope = entry.get("defaults", {}).get("credentialScope", {}).get("service")
            if scope:
                by_signing_name.setdefault(scope, set()).add(prefix)

    # Signing names of APIs that endpoints.json does not list (bedrock-runtime and bedrock-agent sign as
    # "bedrock", SES's Mail Manager as "ses"): such a service may have resources where none of its listed
    # endpoints is, so it is not judged.
    unlisted_apis = {}
    for prefix, names in signing.items():
        if prefix not in all_prefixes:
            for name in names:
                unlisted_apis.setdefault(name, []).append(prefix)

    mapping, no_endpoint, global_services, partly_listed, excluded = {}, [], [], [], []
    for service in sorted(arn_services):
        if service in EXCLUDED:
            excluded.append(service)
            continue
        if service in all_prefixes:
            prefixes = {service} | by_signing_name.get(service, set())
        elif service in ALIASES:
            prefixes = set(ALIASES[service])
        else:
            no_endpoint.append(service)
            continue
        # A service with a global endpoint in any partition (IAM, CloudFront, Route 53, Health, S3's
        # us-east-1 "aws-global") is served for resources in every region: never judged.
        if any(is_global(p["services"][prefix]) for p in partitions.values() for prefix in prefixes
               if prefix in p["services"]):
            global_services.append(service)
            continue
        if service in unlisted_apis:
            partly_listed.append(service)
            continue
        mapping[service] = sorted(prefixes)

    rows = []
    counts = {}
    for name in PARTITIONS:
        partition = partitions[name]
        regions = set(partition["regions"])
        with_data = subset = 0
        for service, prefixes in mapping.items():
            offered = set()
            present = []
            for prefix in prefixes:
                entry = partition["services"].get(prefix)
                if entry is None:
                    continue
                present.append(prefix)
                for key, endpoint in entry.get("endpoints", {}).items():
                    # An endpoint named after a region, or one whose credential scope is a region
                    # ("fips-us-east-1", "bedrock-eu-west-1"); deprecated ones too, to stay on the safe side.
                    if key in regions:
                        offered.add(key)
                    scope = endpoint.get("credentialScope", {}).get("region")
                    if scope in regions:
                        offered.add(scope)
            if not offered:
                continue
            with_data += 1
            if offered == regions:
                listed = "*"
            else:
                subset += 1
                # The shorter of the two: the regions offered, or those of the partition that are not.
                listed = ",".join(sorted(offered))
                missing = ",".join("-" + r for r in sorted(regions - offered))
                if len(missing) < len(listed):
                    listed = missing
            row = f"S\t{service}\t{name}\t{listed}"
            rows.append(row if present == [service] else row + "\t" + ",".join(present))
        counts[name] = (with_data, subset)

    out = []
    out.append("# iamlint service regions: in which regions of a partition each ARN service is offered, for")
    out.append("# IAM103 invalid-arn (an ARN in a region where its service is not offered matches nothing).")
    out.append("# Generated by tools/generate-service-regions.py; do not edit by hand (docs/service-regions.md).")
    out.append("#")
    out.append("# Source: botocore/data/endpoints.json and the endpoint prefix and signing name of each service")
    out.append(f"# model under botocore/data/, https://github.com/boto/botocore commit {commit} of {date}.")
    out.append("# Licence: Apache License 2.0 (botocore's LICENSE.txt); this file is derived from that data.")
    out.append("#")
    out.append("# Records, fields separated by one tab:")
    out.append("#   C botocore <commit> <date>                  the source")
    out.append("#   P <partition> <regions>                     the partition's regions as the source knew them;")
    out.append("#                                               a region not listed here is never judged")
    out.append("#   S <service> <partition> <regions> <prefixes> an ARN service (third field of an ARN), the")
    out.append("#                                               regions where an endpoint of it exists, and the")
    out.append("#                                               endpoint prefixes they come from")
    out.append("# <regions> is \"*\" for every region of the P record, a list such as \"us-east-1,us-west-2\", or")
    out.append("# the regions it is not offered in, such as \"-ap-east-2,-mx-central-1\". <prefixes> is left out when")
    out.append("# it is the service's own name. A service without an S record for a partition is not judged")
    out.append("# there; neither are the services below:")
    for label, names in (("global endpoint", global_services),
                         ("an API without endpoint data", partly_listed),
                         ("excluded by hand, see the generator", excluded),
                         ("no endpoint data", no_endpoint)):
        line = f"#   {label} ({len(names)}):"
        for n in names:
            if len(line) + len(n) + 1 > 110:
                out.append(line)
                line = "#    "
            line += " " + n
        out.append(line)
    out.append(f"C\tbotocore\t{commit}\t{date}")
    for name in PARTITIONS:
        out.append(f"P\t{name}\t{','.join(sorted(partitions[name]['regions']))}")
    out.extend(rows)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")

    print(f"{len(arn_services)} ARN services with a region in the catalog: {len(mapping)} judged; "
          f"{len(global_services)} global, {len(partly_listed)} with an API without endpoint data "
          f"({', '.join(partly_listed)}), {len(excluded)} excluded by hand, {len(no_endpoint)} without "
          "endpoint data", file=sys.stderr)
    for name in PARTITIONS:
        with_data, subset = counts[name]
        print(f"  {name}: {with_data} services with regions, {subset} of them not in every region",
              file=sys.stderr)


if __name__ == "__main__":
    main()
