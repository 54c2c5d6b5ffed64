#!/usr/bin/env python3
"""Deterministic large inputs for bench/run.sh (no network, no dependencies beyond Python 3).

  generate.py dump FILE         an `aws iam get-account-authorization-details` output of a large account:
                                15,000 roles with 1-3 inline policies, 800 customer-managed policies,
                                3,000 users, 300 groups; pretty-printed with indent 4 as the AWS CLI
                                writes it (about 130 MB)
  generate.py policy FILE N     one policy of N statements, one statement per line
                                (600,000: about 55 MB; 22,000: about 2 MB)

The same arguments always give the same bytes: the statements come from a seeded random.Random, and
nothing depends on the clock or the machine.
"""
import json
import random
import sys

ACCOUNT = "123456789012"
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]

# Statement shapes seen in real accounts: (actions, resource template, condition or None, effect).
# {n} is a number, {r} a region, {a} the account.
SHAPES = [
    (["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::bucket-{n}/*", None, "Allow"),
    (["s3:ListBucket"], "arn:aws:s3:::bucket-{n}", {"StringLike": {"s3:prefix": ["home/{n}/*"]}}, "Allow"),
    (["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
     "arn:aws:dynamodb:{r}:{a}:table/table-{n}", None, "Allow"),
    (["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
     "arn:aws:logs:{r}:{a}:log-group:/aws/lambda/function-{n}:*", None, "Allow"),
    (["ec2:Describe*"], "*", None, "Allow"),
    (["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
     "arn:aws:sqs:{r}:{a}:queue-{n}", None, "Allow"),
    (["kms:Decrypt", "kms:GenerateDataKey*"], "arn:aws:kms:{r}:{a}:key/{uuid}",
     {"StringEquals": {"kms:ViaService": "s3.{r}.amazonaws.com"}}, "Allow"),
    (["iam:PassRole"], "arn:aws:iam::{a}:role/service-role-{n}",
     {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}, "Allow"),
    (["lambda:InvokeFunction"], "arn:aws:lambda:{r}:{a}:function:function-{n}", None, "Allow"),
    (["sns:Publish"], "arn:aws:sns:{r}:{a}:topic-{n}", None, "Allow"),
    (["secretsmanager:GetSecretValue"], "arn:aws:secretsmanager:{r}:{a}:secret:app-{n}-*", None, "Allow"),
    (["cloudwatch:PutMetricData"], "*", {"StringEquals": {"cloudwatch:namespace": "App{n}"}}, "Allow"),
    (["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
     "arn:aws:ssm:{r}:{a}:parameter/app/{n}/*", None, "Allow"),
    (["ecr:GetAuthorizationToken"], "*", None, "Allow"),
    (["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "arn:aws:ecr:{r}:{a}:repository/repo-{n}", None,
     "Allow"),
    (["s3:DeleteBucket", "s3:PutBucketPolicy"], "*", None, "Deny"),
    (["sts:AssumeRole"], "arn:aws:iam::{a}:role/deploy-{n}", {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
     "Allow"),
    (["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "*", None, "Allow"),
]

TRUSTED_SERVICES = ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com",
                    "states.amazonaws.com", "glue.amazonaws.com"]


def fill(template, rng, n):
    uuid = "%08x-%04x-%04x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16),
                                          rng.getrandbits(16), rng.getrandbits(48))
    return (template.replace("{n}", str(n)).replace("{r}", rng.choice(REGIONS)).replace("{a}", ACCOUNT)
            .replace("{uuid}", uuid))


def fill_condition(condition, rng, n):
    if condition is None:
        return None
    return json.loads(fill(json.dumps(condition), rng, n))


# The shorter shapes, for the large single policies (about 92 bytes a statement, as in the issue's).
SHORT_SHAPES = [SHAPES[i] for i in (0, 1, 4, 9, 11, 13, 15, 17)]


def statement(rng, index, with_sid=True, shapes=SHAPES):
    actions, resource, condition, effect = rng.choice(shapes)
    n = rng.randrange(100000)
    result = {}
    if with_sid:
        result["Sid"] = "Statement%d" % index
    result["Effect"] = effect
    result["Action"] = actions[0] if len(actions) == 1 else list(actions)
    result["Resource"] = fill(resource, rng, n)
    condition = fill_condition(condition, rng, n)
    if condition is not None:
        result["Condition"] = condition
    return result


def policy_document(rng, statements):
    return {"Version": "2012-10-17", "Statement": [statement(rng, i) for i in range(statements)]}


def date(rng):
    return "20%02d-%02d-%02dT%02d:%02d:%02dZ" % (rng.randrange(15, 26), rng.randrange(1, 13),
                                                  rng.randrange(1, 29), rng.randrange(24), rng.randrange(60),
                                                  rng.randrange(60))


def identifier(rng, prefix):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    return prefix + "".join(rng.choice(alphabet) for _ in range(17))


def managed_policy_arn(i):
    return "arn:aws:iam::%s:policy/team-policy-%d" % (ACCOUNT, i)


def attached(rng, policies, count):
    return [{"PolicyName": "team-policy-%d" % i, "PolicyArn": managed_policy_arn(i)}
            for i in sorted(rng.sample(range(policies), count))]


def dump(rng, roles=15000, users=3000, groups=300, policies=800):
    user_list = []
    for i in range(users):
        user_list.append({
            "Path": "/",
            "UserName": "user-%d" % i,
            "UserId": identifier(rng, "AIDA"),
            "Arn": "arn:aws:iam::%s:user/user-%d" % (ACCOUNT, i),
            "CreateDate": date(rng),
            "UserPolicyList": [{"PolicyName": "inline-%d" % i, "PolicyDocument": policy_document(rng, 2)}]
            if i % 4 == 0 else [],
            "GroupList": ["group-%d" % g for g in sorted(rng.sample(range(groups), rng.randrange(1, 3)))],
            "AttachedManagedPolicies": attached(rng, policies, rng.randrange(0, 3)),
            "Tags": [{"Key": "team", "Value": "team-%d" % (i % 40)}],
        })
    group_list = []
    for i in range(groups):
        group_list.append({
            "Path": "/",
            "GroupName": "group-%d" % i,
            "GroupId": identifier(rng, "AGPA"),
            "Arn": "arn:aws:iam::%s:group/group-%d" % (ACCOUNT, i),
            "CreateDate": date(rng),
            "GroupPolicyList": [{"PolicyName": "group-inline-%d" % i, "PolicyDocument": policy_document(rng, 3)}],
            "AttachedManagedPolicies": attached(rng, policies, rng.randrange(1, 3)),
        })
    role_list = []
    for i in range(roles):
        name = "service-role-%d" % i
        role_list.append({
            "Path": "/service-role/",
            "RoleName": name,
            "RoleId": identifier(rng, "AROA"),
            "Arn": "arn:aws:iam::%s:role/service-role/%s" % (ACCOUNT, name),
            "CreateDate": date(rng),
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": rng.choice(TRUSTED_SERVICES)},
                               "Action": "sts:AssumeRole"}],
            },
            "InstanceProfileList": [],
            "RolePolicyList": [{"PolicyName": "%s-inline-%d" % (name, p),
                                "PolicyDocument": policy_document(rng, rng.randrange(3, 11))}
                               for p in range(rng.randrange(1, 4))],
            "AttachedManagedPolicies": attached(rng, policies, rng.randrange(0, 3)),
            "Tags": [{"Key": "application", "Value": "app-%d" % (i % 500)}],
            "RoleLastUsed": {"LastUsedDate": date(rng), "Region": rng.choice(REGIONS)},
        })
    policy_list = []
    for i in range(policies):
        versions = []
        for v in range(rng.randrange(1, 3), 0, -1):
            versions.append({"Document": policy_document(rng, rng.randrange(5, 25)), "VersionId": "v%d" % v,
                             "IsDefaultVersion": not versions, "CreateDate": date(rng)})
        policy_list.append({
            "PolicyName": "team-policy-%d" % i,
            "PolicyId": identifier(rng, "ANPA"),
            "Arn": managed_policy_arn(i),
            "Path": "/",
            "DefaultVersionId": versions[0]["VersionId"],
            "AttachmentCount": rng.randrange(1, 50),
            "PermissionsBoundaryUsageCount": 0,
            "IsAttachable": True,
            "CreateDate": date(rng),
            "UpdateDate": date(rng),
            "PolicyVersionList": versions,
        })
    return {"UserDetailList": user_list, "GroupDetailList": group_list, "RoleDetailList": role_list,
            "Policies": policy_list}


def write_policy(rng, out, statements):
    out.write('{"Version":"2012-10-17","Statement":[\n')
    for i in range(statements):
        out.write(("" if i == 0 else ",") + json.dumps(statement(rng, i, False, SHORT_SHAPES), separators=(",", ":")) + "\n")
    out.write("]}\n")


def main(argv):
    if len(argv) == 3 and argv[1] == "dump":
        with open(argv[2], "w") as out:
            json.dump(dump(random.Random(10)), out, indent=4)
            out.write("\n")
    elif len(argv) == 4 and argv[1] == "policy":
        with open(argv[2], "w") as out:
            write_policy(random.Random(int(argv[3])), out, int(argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
