"""Deployment files, checked without Docker: schemas, and names that match the code."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from services.settings import ENV_PREFIX, Settings
from services.topics import SPECS, faust_internal_topics

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "k8s"
SETTINGS_VARS = {ENV_PREFIX + name.upper() for name in Settings.model_fields}


def compose() -> dict[str, Any]:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def compose_schema() -> dict[str, Any]:
    """The Compose specification's JSON schema, as vendored by check-jsonschema."""
    spec = importlib.util.find_spec("check_jsonschema")
    assert spec is not None and spec.submodule_search_locations
    path = Path(spec.submodule_search_locations[0]) / "builtin_schemas/vendor/compose-spec.json"
    return dict(json.loads(path.read_text()))


def manifests() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            docs.extend(d for d in yaml.safe_load_all(path.read_text()) if d)
    return docs


def test_compose_file_follows_the_compose_specification() -> None:
    """docker-compose.yml validates against the Compose spec's JSON schema."""
    jsonschema.validate(compose(), compose_schema())


def test_compose_schema_check_can_fail() -> None:
    """The schema check is real: an unknown service key is refused."""
    bad = compose()
    bad["services"]["worker-1"]["restart_policy_typo"] = "always"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, compose_schema())


def test_compose_env_ports_and_workers_match_the_settings() -> None:
    """Every PEACEWATCH_ variable is a setting; both workers share one prefix and group."""
    services = compose()["services"]
    workers = [s for name, s in services.items() if name.startswith("worker")]
    assert len(workers) == 2
    for service in (*workers, services["topics"]):
        env = service["environment"]
        assert set(env) <= SETTINGS_VARS, set(env) - SETTINGS_VARS
        assert env["PEACEWATCH_HTTP_PORT"] == str(Settings().http_port)
    assert len({w["environment"]["PEACEWATCH_TOPIC_PREFIX"] for w in workers}) == 1
    assert services["topics"]["command"] == ["topics", "create"]
    assert services["kafka"]["image"].startswith("apache/kafka:4.")
    for w in workers:
        assert w["depends_on"]["topics"]["condition"] == "service_completed_successfully"
        assert "/readyz" in " ".join(w["healthcheck"]["test"])


def test_kubernetes_manifests_validate() -> None:
    """Core resources validate against the Kubernetes schemas (strictly: no unknown fields)."""
    core = [d for d in manifests() if d["kind"] != "KafkaTopic"]
    assert {d["kind"] for d in core} == {"ConfigMap", "Secret", "Deployment", "Service"}
    version = kubernetes_validate.latest_version()
    for doc in core:
        kubernetes_validate.validate(doc, version, strict=True)


def test_kubernetes_validation_can_fail() -> None:
    """The manifest check is real: a misspelt container field is refused."""
    [deployment] = [d for d in manifests() if d["kind"] == "Deployment"]
    deployment["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyTypo"] = "Always"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, kubernetes_validate.latest_version(), strict=True)


def test_strimzi_topics_match_the_topics_module() -> None:
    """One KafkaTopic per topic of services/topics.py, with the same partitions and config."""
    settings = Settings(topic_prefix="peacewatch")
    topics = {d["spec"]["topicName"]: d["spec"] for d in manifests() if d["kind"] == "KafkaTopic"}
    expected = {spec.name(settings): (settings.partitions, spec.config) for spec in SPECS}
    expected |= {name: (1, cfg) for name, cfg in faust_internal_topics(settings).items()}
    assert {t: (v["partitions"], v["config"]) for t, v in topics.items()} == expected
    for doc in manifests():
        if doc["kind"] == "KafkaTopic":
            assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", doc["metadata"]["name"])


def test_kubernetes_env_probes_and_ports_match_the_code() -> None:
    """ConfigMap and Secret keys are settings; probes use /readyz and /healthz on the port."""
    docs = {d["kind"]: d for d in manifests() if d["kind"] != "KafkaTopic"}
    keys = set(docs["ConfigMap"]["data"]) | set(docs["Secret"]["stringData"])
    assert keys <= SETTINGS_VARS, keys - SETTINGS_VARS
    container = docs["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert (
        container["ports"][0]["containerPort"]
        == int(docs["ConfigMap"]["data"]["PEACEWATCH_HTTP_PORT"])
        == Settings().http_port
    )
    assert "requests" in container["resources"] and "limits" in container["resources"]


def test_dockerfile_runs_the_worker_as_non_root_with_a_healthcheck() -> None:
    """The image is multi-stage, non-root, exposes the API port and checks /healthz."""
    text = (REPO / "deploy" / "docker" / "Dockerfile").read_text()
    assert text.count("FROM ") == 2
    assert re.search(r"^USER peacewatch$", text, re.M)
    assert f"EXPOSE {Settings().http_port}" in text
    assert "HEALTHCHECK" in text and "/healthz" in text
    assert 'ENTRYPOINT ["peacewatch"]' in text and 'CMD ["worker"]' in text
    env_vars = set(re.findall(r"(PEACEWATCH_[A-Z_]+)=", text))
    assert env_vars <= SETTINGS_VARS, env_vars - SETTINGS_VARS
