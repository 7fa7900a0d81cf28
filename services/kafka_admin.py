"""Create the contract's topics and check existing ones against their specification."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import TopicAlreadyExistsError

from services.kafka_client import client_options
from services.settings import Settings
from services.topics import SPECS, faust_internal_topics


@dataclass(frozen=True)
class TopicReport:
    """What ``topics create`` found or did for one topic."""

    name: str
    action: str  # "created", "exists", "mismatch"
    problems: tuple[str, ...] = ()
    config_differs: bool = False  # fixable with --fix-config (partition counts are not)


async def create_topics(settings: Settings, *, fix_config: bool = False) -> list[TopicReport]:
    """Create missing topics; report existing ones whose partitions or config differ.

    With ``fix_config``, an existing topic's configuration is set to the expected one
    (an upgrade that changed, say, ``max.message.bytes``); partition counts never change.
    """
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        reports: list[TopicReport] = []
        for spec in SPECS:
            name = spec.name(settings)
            if name not in existing:
                try:
                    await admin.create_topics(
                        [
                            NewTopic(
                                name=name,
                                num_partitions=settings.partitions,
                                replication_factor=settings.replication_factor,
                                topic_configs=spec.config,
                            )
                        ]
                    )
                    reports.append(TopicReport(name, "created"))
                    continue
                except TopicAlreadyExistsError:
                    pass  # created concurrently by another process: check it like any other
            report = await _check(admin, settings, name, spec.config)
            if fix_config and report.config_differs:
                await admin.alter_configs(
                    [ConfigResource(ConfigResourceType.TOPIC, name, configs=spec.config)]
                )
                report = await _check(admin, settings, name, spec.config)
                if not report.problems:
                    report = replace(report, action="fixed")
            reports.append(report)
        for name, config in faust_internal_topics(settings).items():
            if name not in existing:
                with contextlib.suppress(TopicAlreadyExistsError):
                    await admin.create_topics(
                        [
                            NewTopic(
                                name=name,
                                num_partitions=1,
                                replication_factor=settings.replication_factor,
                                topic_configs=config,
                            )
                        ]
                    )
        return reports
    finally:
        await admin.close()


async def _check(
    admin: AIOKafkaAdminClient, settings: Settings, name: str, config: dict[str, str]
) -> TopicReport:
    problems = []
    config_differs = False
    [meta] = await admin.describe_topics([name])
    partitions = len(meta["partitions"])
    if partitions != settings.partitions:
        problems.append(f"has {partitions} partitions, expected {settings.partitions}")
    [described] = await admin.describe_configs(
        [ConfigResource(ConfigResourceType.TOPIC, name, dict.fromkeys(config))]
    )
    actual = {entry[0]: entry[1] for entry in described.resources[0][4]}
    for key, want in config.items():
        if actual.get(key) != want:
            problems.append(f"{key}={actual.get(key)}, expected {want}")
            config_differs = True
    return TopicReport(name, "mismatch" if problems else "exists", tuple(problems), config_differs)
