"""The Open Referral UK 3.0 (HSDS-UK-3.0) feed of the directory."""
