"""What other capabilities may listen to, so that events never import them.

``event_held`` is sent inside the status transaction when an event is marked held: a decision
that the event fulfils (meetings) is closed in the same transaction.
"""

from django.dispatch import Signal

event_held = Signal()  # kwargs: actor, event
