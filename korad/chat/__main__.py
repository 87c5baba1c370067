from korad.chat.cli import main

raise SystemExit(main(prog="python -m korad.chat"))
