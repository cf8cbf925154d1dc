"""What the evaluation app registers with the layers below it (outbox renderers, registries),
one function per area, called from `EvaluationConfig.ready`."""


def responses():
    """Evaluations after gatherings: e-mail renderers, the thank-you's evaluation link."""
    from cohorts import registry
    from website import outbox

    from .messages import register_renderers
    from .services.responses import evaluation_link

    register_renderers(outbox.register)
    registry.register_evaluation_link(evaluation_link)


def feedback():
    """Editors' feedback beside the modules: the module page's feedback tab, and above its
    content what the version in review answers (courses.registry)."""
    from courses import registry

    from .admin.feedback_panels import module_feedback_section, module_review_section

    registry.register_editor_section(registry.MODULE_FEEDBACK, module_feedback_section)
    registry.register_editor_section(registry.MODULE_REVIEW, module_review_section)


def surveys():
    """The yearly kartlegging survey: the "has answered" rows are the person's (the access
    policy lets them, and administrators, reach their own; answers are nobody's and have no
    entry). The admin registers itself through evaluation/admin/survey_hooks.py."""
    from website import policy

    from .models import SurveyParticipation

    policy.register(SurveyParticipation, person="user")
