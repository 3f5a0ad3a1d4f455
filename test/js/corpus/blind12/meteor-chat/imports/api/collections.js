import { Mongo } from 'meteor/mongo';

export const Messages = new Mongo.Collection('messages');
export const Rooms = new Mongo.Collection('rooms');
export const Invites = new Mongo.Collection('invites');
