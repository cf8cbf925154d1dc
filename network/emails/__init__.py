"""The network's outbox renderers, one module per area; each module has a `register(register)`
function that network/wiring.py calls with `website.outbox.register`."""
