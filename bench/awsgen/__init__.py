"""Generator of synthetic `aws iam get-account-authorization-details` exports.

`generate_aws_export.py` beside this package is its command line.
"""
