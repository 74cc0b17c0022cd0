"""Imported first by `blamefree.lint`: the guard for its compiled modules.

It must run before any compiled module is imported, so that one built from other sources
is never used (see `blamefree.speedups`); its name sorts before every other module of the
package, so the package's first import stays first however imports are ordered.
"""

from blamefree.speedups import LINT

LINT.install()
