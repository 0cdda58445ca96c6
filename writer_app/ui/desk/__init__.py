"""The writer's desk: goals and progress, chapter notes and status, snapshots, statistics."""
