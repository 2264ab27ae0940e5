import sys

from tf_lint.cli import main

sys.exit(main())
