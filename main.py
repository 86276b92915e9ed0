"""Five Levers: start the game, or run a trainer's command (`python main.py --help`)."""
import sys

from game.launch import main

if __name__ == "__main__":
    sys.exit(main())
