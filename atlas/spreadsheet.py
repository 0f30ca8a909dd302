"""Text cells written to CSV/XLSX for people to open in a spreadsheet → cells that cannot run.

One guard for every file the project writes for spreadsheets (map and cluster exports, the
import report): a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading apostrophe (OWASP's CSV-injection advice), so a hostile value from an
imported file or a tampered link never runs as a formula. `neutralise_frame` applies it to
every text column of a DataFrame, whatever its dtype: with pandas 3 text columns are the
``str`` dtype, not ``object``, so a check on ``object`` alone would skip them.
"""

from __future__ import annotations

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet cannot run as a formula; numbers and the rest unchanged.

    Examples
    --------
    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-1"), neutralise(-1.5)
    ('\\'=HYPERLINK("http://x")', "'-1", -1.5)
    >>> neutralise("Москва")
    'Москва'
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(tb: pd.DataFrame) -> pd.DataFrame:
    """A copy of `tb` with every text-holding column (``object`` or any string dtype)
    neutralised; numeric, boolean and date columns are left as they are.

    Examples
    --------
    >>> tb = pd.DataFrame({"file": pd.array(["=evil()+1.csv"], dtype="string"), "row": [2]})
    >>> neutralise_frame(tb)["file"].tolist()
    ["'=evil()+1.csv"]
    """
    out = tb.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out[name] = column.map(neutralise, na_action="ignore")
    return out
