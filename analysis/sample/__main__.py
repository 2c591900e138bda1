"""`python -m analysis.sample`: write the synthetic sample workbook."""

from analysis.sample.round import main

raise SystemExit(main())
