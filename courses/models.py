"""The curriculum as Wagtail pages: ProgrammePage > CoursePage > ModulePage (coming next)."""
