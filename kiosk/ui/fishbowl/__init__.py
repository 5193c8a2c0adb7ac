"""The fishbowl discussion timer: setup, public view, facilitator controls, chime."""
