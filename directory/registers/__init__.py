"""Building the directory from the public registers, and keeping it in step.

Each register is a small module (``ccew``, ``companies_house``) on one shared importer
(``base``): it reads its files as published, keeps the London organisations it lists,
and maps each onto our fields; the base matches them with the listings we have and
writes them, without overwriting what the community corrected.
"""
