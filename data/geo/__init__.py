"""Outlines of Vietnam's provinces (package data of `policykg.geo_data`): see LICENSE.md."""
