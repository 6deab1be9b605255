from tests.study.conftest import (  # noqa: F401 (fixtures shared with the study tests)
    admin_client,
    branch,
    branch_admin,
    community_admin,
    event_index,
    held_session,
    members,
    other_branch,
    session,
)
