"""The roadmap's data: the one declaration of each field, the domain objects built from it, the vocabulary."""

from .fields import (
    ActionFields,
    BudgetFields,
    CheckpointFields,
    DepartmentFields,
    GoalFields,
    GoalMetricFields,
    LimitsFields,
    MetricFields,
    MilestoneFields,
    SettingsFields,
    StakeholdersFields,
    Strict,
)
from .items import Goal, KeyAction, Milestone, Roadmap, Settings, Source, Year
from .vocabulary import TERMS, TONES, Health, Outcome, Schedule, Signal, Status, Term, label

# The domain uses the field models of nested values as they are.
Budget = BudgetFields
Checkpoints = CheckpointFields
Department = DepartmentFields
Limits = LimitsFields
Metric = MetricFields
GoalMetric = GoalMetricFields
Stakeholders = StakeholdersFields

__all__ = [
    "TERMS",
    "TONES",
    "ActionFields",
    "Budget",
    "BudgetFields",
    "CheckpointFields",
    "Checkpoints",
    "Department",
    "DepartmentFields",
    "Goal",
    "GoalFields",
    "GoalMetric",
    "GoalMetricFields",
    "Health",
    "KeyAction",
    "Limits",
    "LimitsFields",
    "Metric",
    "MetricFields",
    "Milestone",
    "MilestoneFields",
    "Outcome",
    "Roadmap",
    "Schedule",
    "Settings",
    "SettingsFields",
    "Signal",
    "Source",
    "Stakeholders",
    "StakeholdersFields",
    "Status",
    "Strict",
    "Term",
    "Year",
    "label",
]
