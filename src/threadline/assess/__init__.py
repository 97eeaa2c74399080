"""Assess stage: which documents show signs of exploitation, and why.

Public surface::

    assess_document(doc, extraction, config=None) -> Assessment
    apply_structure(assessment, structural_signals, config=None) -> Assessment
    network_risk(doc_risks, persons, controllers, countries, recruitment_links, minors,
                 config=None) -> (risk, signals)
    load_config(path=None) -> RiskConfig

Indicators are data (``indicators/*.yaml``), thresholds too (``thresholds.yaml``);
scoring is described in ``README.md`` and :mod:`threadline.assess.scoring`.
"""

from threadline.assess.catalogue import Indicator, load_catalogue
from threadline.assess.config import RiskConfig, load_config
from threadline.assess.document import Assessment, apply_structure, assess_document
from threadline.assess.network import network_risk

__all__ = [
    "Assessment",
    "Indicator",
    "RiskConfig",
    "apply_structure",
    "assess_document",
    "load_catalogue",
    "load_config",
    "network_risk",
]
