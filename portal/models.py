"""The project shell has no models. This module exists so that Django sends
`post_migrate` for the app (it skips apps without one): portal.apps creates the
database cache's table then."""
