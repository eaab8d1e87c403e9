"""Record keys for the cell-key method (see ``engagement.headway.perturbation``).

Every record counted in a published figure carries a random key from 0 to 255, drawn
once when it is created and never shown. A cell's key is the sum of its records' keys,
so the same set of records always gets the same noise.
"""

import secrets

RECORD_KEY_RANGE = 256


def new_record_key() -> int:
    return secrets.randbelow(RECORD_KEY_RANGE)
