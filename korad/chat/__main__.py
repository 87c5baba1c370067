from korad.chat.cli import main

raise SystemExit(main())
