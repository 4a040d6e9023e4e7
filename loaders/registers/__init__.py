"""Registers: tables of transfers, one deal a row, read whole and written in batches.

Two kinds share this framework: SIPRI's trade-register exports (:mod:`.sipri`, in either of SIPRI's
column layouts, :mod:`.sipri_layouts`) and analysts' transfer tables (:mod:`.analyst_tables`).

- :mod:`.register`: the :class:`~.register.Register` and its deals, opening and decoding a file's lines
- :mod:`.fields`: pure parsers for one cell (years, numbers, flags, the generated date, aliases)
- :mod:`.actors`: a supplier or recipient name resolved to a country or an organisation
- :mod:`.merge`: matching rows of different registers that describe the same deal
- :mod:`.write`: a register written through the graph writer (one transaction per batch)
"""
