"""Authoring: write roadmap files for people: a new repository (`init`), a new item (`new`), a renamed id (`rename`)."""
