"""Uploads in an S3-compatible bucket, usually behind a CDN (DJANGO_MEDIA_STORAGE=s3).

settings.py reads the variables; this turns them into the storage backend and
the origins the Content Security Policy allows images from.
"""

from urllib.parse import urlsplit


def s3_media_storage(
    *,
    bucket: str,
    endpoint_url: str,
    region: str,
    access_key: str,
    secret_key: str,
    custom_domain: str,
) -> tuple[dict, list[str]]:
    """The STORAGES["default"] entry and the origins images are served from.

    Empty values are left to boto3: AWS's endpoint, the machine's credentials
    (e.g. an instance role).
    """
    backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "custom_domain": custom_domain or None,
            # Images are public: plain addresses a CDN can cache, no signatures.
            "querystring_auth": False,
            # Two uploads named poster.jpg must not replace each other.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
            # Bucket in the path: what every S3-compatible service understands.
            "addressing_style": "path" if endpoint_url else None,
        },
    }
    if custom_domain:
        origins = [f"https://{custom_domain.split('/')[0]}"]
    elif endpoint_url:
        endpoint = urlsplit(endpoint_url)
        origins = [f"{endpoint.scheme}://{endpoint.netloc}"]
    else:
        origins = [f"https://{bucket}.s3.amazonaws.com"]
        if region:
            origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return backend, origins
