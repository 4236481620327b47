"""Thin boto3 adapters: one function per AWS call we make, each taking an optional `client=`."""
