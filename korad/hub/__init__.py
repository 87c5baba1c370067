"""Publishing to the Hub: folder and card checks (``cards``), the upload plan and upload
(``publish``), and the Space repo (``space``). The scripts in ``hub_scripts/`` are the commands."""
