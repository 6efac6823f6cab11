from readout_diff.cli import main

main()
