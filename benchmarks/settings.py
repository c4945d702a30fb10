"""The site's settings, plus the floor view the benchmark compares pages with."""

from creative_east.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
