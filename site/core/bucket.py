"""What the media bucket must say for the site to work, and how to say it
(``manage.py prepare_media_bucket``; docs/operations.md "Object storage").

On an empty private bucket, three settings, each written only when it
differs from what the bucket already has, so running it again changes
nothing:

* **public access block** (AWS and stores that have it): ACLs stay blocked
  and ignored, a public *policy* is allowed — new AWS buckets refuse one;
* **bucket policy**: anonymous ``s3:GetObject`` on the public prefixes
  (``MEDIA_S3_PUBLIC_PREFIXES``), nothing else; documents and every other
  private file get no statement at all, so only a request signed with the
  site's key (the short-lived URLs of core/storage.py) reads them;
* **CORS**: ``GET``/``HEAD`` from the site's origin(s) with the ``Range``
  header, which the course player needs for ``<video crossorigin>`` and
  its subtitle ``<track>``.

The policy and CORS rules are replaced whole: the bucket belongs to the site.
"""

import json

from botocore.exceptions import ClientError

POLICY_ID = "community-media"
# What S3-compatible stores answer for an API they do not have.
_NOT_SUPPORTED = {"NotImplemented", "MethodNotAllowed", "XNotImplemented"}


def public_read_policy(bucket, prefixes):
    resources = [f"arn:aws:s3:::{bucket}/{prefix.lstrip('/')}*" for prefix in prefixes]
    return {
        "Version": "2012-10-17",
        "Id": POLICY_ID,
        "Statement": [
            {
                "Sid": "PublicReadMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": resources,
            }
        ],
    }


def cors_rules(origins):
    return [
        {
            "AllowedOrigins": list(origins),
            "AllowedMethods": ["GET", "HEAD"],
            "AllowedHeaders": ["Range"],
            "ExposeHeaders": ["Accept-Ranges", "Content-Length", "Content-Range", "ETag"],
            "MaxAgeSeconds": 3600,
        }
    ]


def _code(error):
    return error.response.get("Error", {}).get("Code", "")


def _current_policy(client, bucket):
    try:
        return json.loads(client.get_bucket_policy(Bucket=bucket)["Policy"])
    except ClientError as error:
        if _code(error) == "NoSuchBucketPolicy":
            return None
        raise


def _comparable(rules):
    """CORS rules as a store gives them back (any order, ids added)."""
    keys = ("AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposeHeaders")
    return [
        {**{key: sorted(rule.get(key, [])) for key in keys}, "MaxAge": rule.get("MaxAgeSeconds")}
        for rule in rules
    ]


def _current_cors(client, bucket):
    try:
        return _comparable(client.get_bucket_cors(Bucket=bucket)["CORSRules"])
    except ClientError as error:
        if _code(error) == "NoSuchCORSConfiguration":
            return None
        raise


def _public_policy_allowed(client, bucket):
    """Lets the bucket have a public policy while ACLs stay blocked. Returns
    what was done: "changed", "unchanged" or "unsupported"."""
    wanted = {
        "BlockPublicAcls": True,
        "IgnorePublicAcls": True,
        "BlockPublicPolicy": False,
        "RestrictPublicBuckets": False,
    }
    try:
        current = client.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    except ClientError as error:
        if _code(error) in _NOT_SUPPORTED:
            return "unsupported"
        if _code(error) != "NoSuchPublicAccessBlockConfiguration":
            raise
        current = None
    if current == wanted:
        return "unchanged"
    try:
        client.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=wanted)
    except ClientError as error:
        if _code(error) in _NOT_SUPPORTED:
            return "unsupported"
        raise
    return "changed"


def prepare_bucket(client, bucket, prefixes, origins):
    """Brings ``bucket`` to what the site needs; returns ``{setting: outcome}``
    with outcome "changed", "unchanged" or "unsupported"."""
    client.head_bucket(Bucket=bucket)  # a missing bucket or a wrong key fails here
    outcome = {"public_access_block": _public_policy_allowed(client, bucket)}

    policy = public_read_policy(bucket, prefixes)
    if _current_policy(client, bucket) == policy:
        outcome["policy"] = "unchanged"
    else:
        client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
        outcome["policy"] = "changed"

    rules = cors_rules(origins)
    if _current_cors(client, bucket) == _comparable(rules):
        outcome["cors"] = "unchanged"
    else:
        client.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": rules})
        outcome["cors"] = "changed"
    return outcome
